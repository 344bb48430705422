// Shared by every area of the shim: export macro, error handling, handle conversion.
//
// Rules of the boundary (see STYLE.md):
//  * only fixed-size types cross it: int32_t, int64_t, double, float, UTF-8 const char*, handles;
//  * no C++ exception ever crosses it: every export body runs inside CRC_TRY, which catches
//    everything, stores the message in a thread-local slot and returns a failure value;
//  * the managed side reads the message with crc_error_take() and frees it with crc_free().
#pragma once

#include <cstdint>
#include <string>

#include "crc_pch.h"

#define CRC_API extern "C" __attribute__((visibility("default")))

// Opaque handle to a heap-allocated at::Tensor.
typedef void* crc_tensor;

namespace crc {

void set_error(const std::string& message);

inline at::Tensor& T(crc_tensor h) { return *static_cast<at::Tensor*>(h); }

inline crc_tensor wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

at::Device device_of(int32_t device_type, int32_t device_index);

inline at::ScalarType dtype_of(int32_t dtype) { return static_cast<at::ScalarType>(dtype); }

inline at::IntArrayRef dims(const int64_t* values, int32_t length) {
    return at::IntArrayRef(values, static_cast<size_t>(length));
}

}  // namespace crc

// Wraps an export body. On any exception, records the message and returns `fail`.
#define CRC_TRY(fail, body)                                   \
    try {                                                     \
        body                                                  \
    } catch (const c10::Error& e) {                           \
        crc::set_error(e.what_without_backtrace());           \
        return fail;                                          \
    } catch (const std::exception& e) {                       \
        crc::set_error(e.what());                             \
        return fail;                                          \
    } catch (...) {                                           \
        crc::set_error("unknown native exception");           \
        return fail;                                          \
    }

// Status-returning exports return 0 on success and -1 on failure.
#define CRC_STATUS(body) CRC_TRY(-1, body return 0;)
