#include "crc_runtime.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

namespace crc {

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
}  // namespace

void set_error(const std::string& message) {
    last_error = message;
    has_error = true;
}

at::Device device_of(int32_t device_type, int32_t device_index) {
    return at::Device(static_cast<at::DeviceType>(device_type),
                      static_cast<c10::DeviceIndex>(device_index));
}

}  // namespace crc

CRC_API char* crc_error_take() {
    if (!crc::has_error) return nullptr;
    char* copy = static_cast<char*>(std::malloc(crc::last_error.size() + 1));
    if (copy != nullptr) std::memcpy(copy, crc::last_error.c_str(), crc::last_error.size() + 1);
    crc::has_error = false;
    crc::last_error.clear();
    return copy;
}

CRC_API void crc_free(void* ptr) { std::free(ptr); }

CRC_API const char* crc_torch_version() { return TORCH_VERSION; }

CRC_API int32_t crc_get_num_threads() { return at::get_num_threads(); }

CRC_API int32_t crc_set_num_threads(int32_t n) {
    CRC_STATUS(at::set_num_threads(n);)
}

CRC_API int32_t crc_manual_seed(int64_t seed) {
    CRC_STATUS(at::manual_seed(static_cast<uint64_t>(seed));)
}

CRC_API int32_t crc_cuda_is_available() { return torch::cuda::is_available() ? 1 : 0; }

CRC_API int32_t crc_cuda_device_count() {
    CRC_TRY(-1, return static_cast<int32_t>(torch::cuda::device_count());)
}

CRC_API crc_tensor crc_rng_get_state(int32_t device_type, int32_t device_index) {
    CRC_TRY(nullptr, {
        auto gen = at::globalContext().defaultGenerator(crc::device_of(device_type, device_index));
        std::lock_guard<std::mutex> lock(gen.mutex());
        return crc::wrap(gen.get_state());
    })
}

CRC_API int32_t crc_rng_set_state(int32_t device_type, int32_t device_index, crc_tensor state) {
    CRC_STATUS({
        auto gen = at::globalContext().defaultGenerator(crc::device_of(device_type, device_index));
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_state(crc::T(state));
    })
}

CRC_API int32_t crc_rng_seed(int32_t device_type, int32_t device_index, int64_t seed) {
    CRC_STATUS({
        auto gen = at::globalContext().defaultGenerator(crc::device_of(device_type, device_index));
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_current_seed(static_cast<uint64_t>(seed));
    })
}

CRC_API int32_t crc_deterministic_get() { return at::globalContext().deterministicAlgorithms() ? 1 : 0; }

CRC_API int32_t crc_deterministic_set(int32_t enabled, int32_t warn_only) {
    CRC_STATUS(at::globalContext().setDeterministicAlgorithms(enabled != 0, warn_only != 0);
               at::globalContext().setDeterministicCuDNN(enabled != 0);)
}

CRC_API int32_t crc_cudnn_benchmark_set(int32_t enabled) { CRC_STATUS(at::globalContext().setBenchmarkCuDNN(enabled != 0);) }
