#include "crc_amp.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

// libtorch 2.4 gave autocast one API per device type and deprecated the per-device functions.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define CRC_AUTOCAST_BY_DEVICE 1
#endif

namespace {

c10::DeviceType device_of(int32_t device_type) {
    auto type = static_cast<c10::DeviceType>(device_type);
    TORCH_CHECK(type == c10::DeviceType::CPU || type == c10::DeviceType::CUDA,
                "autocast supports the cpu and cuda devices, not device type ", device_type);
    return type;
}

}  // namespace

CRC_API int32_t crc_autocast_is_enabled(int32_t device_type) {
    CRC_TRY(-1, {
        auto type = device_of(device_type);
#ifdef CRC_AUTOCAST_BY_DEVICE
        return at::autocast::is_autocast_enabled(type) ? 1 : 0;
#else
        return (type == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled()) ? 1 : 0;
#endif
    })
}

CRC_API int32_t crc_autocast_set_enabled(int32_t device_type, int32_t enabled) {
    CRC_STATUS({
        auto type = device_of(device_type);
#ifdef CRC_AUTOCAST_BY_DEVICE
        at::autocast::set_autocast_enabled(type, enabled != 0);
#else
        if (type == c10::DeviceType::CPU) {
            at::autocast::set_cpu_enabled(enabled != 0);
        } else {
            at::autocast::set_enabled(enabled != 0);
        }
#endif
    })
}

CRC_API int32_t crc_autocast_get_dtype(int32_t device_type) {
    CRC_TRY(-1, {
        auto type = device_of(device_type);
#ifdef CRC_AUTOCAST_BY_DEVICE
        return static_cast<int32_t>(at::autocast::get_autocast_dtype(type));
#else
        return static_cast<int32_t>(type == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype()
                                                                 : at::autocast::get_autocast_gpu_dtype());
#endif
    })
}

CRC_API int32_t crc_autocast_set_dtype(int32_t device_type, int32_t dtype) {
    CRC_STATUS({
        auto type = device_of(device_type);
        auto scalar = static_cast<at::ScalarType>(dtype);
        TORCH_CHECK(scalar == at::kBFloat16 || scalar == at::kHalf,
                    "autocast runs in bfloat16 or float16, not ", scalar);
#ifdef CRC_AUTOCAST_BY_DEVICE
        at::autocast::set_autocast_dtype(type, scalar);
#else
        if (type == c10::DeviceType::CPU) {
            at::autocast::set_autocast_cpu_dtype(scalar);
        } else {
            at::autocast::set_autocast_gpu_dtype(scalar);
        }
#endif
    })
}

CRC_API int32_t crc_autocast_increment_nesting() { CRC_TRY(-1, return at::autocast::increment_nesting();) }

CRC_API int32_t crc_autocast_decrement_nesting() { CRC_TRY(-1, return at::autocast::decrement_nesting();) }

CRC_API int32_t crc_autocast_clear_cache() { CRC_STATUS(at::autocast::clear_cache();) }
