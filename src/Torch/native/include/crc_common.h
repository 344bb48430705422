// Shared by every area of the shim: export macro, error handling, handle conversion.
//
// Rules of the boundary (see STYLE.md):
//  * only fixed-size types cross it: int32_t, int64_t, double, float, UTF-8 const char*, handles;
//  * no C++ exception ever crosses it: every export body runs inside CRC_TRY, which catches
//    everything, stores the message in a thread-local slot and returns a failure value;
//  * the managed side reads the message with crc_error_take() and frees it with crc_free().
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
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

// Decodes a scalar argument: kind 0 is a double carried in `bits`, 1 an int64, 2 a bool.
inline at::Scalar scalar(int64_t bits, int32_t kind) {
    switch (kind) {
        case 0: {
            double value;
            std::memcpy(&value, &bits, sizeof value);
            return at::Scalar(value);
        }
        case 1:
            return at::Scalar(bits);
        default:
            return at::Scalar(bits != 0);
    }
}

// The alpha of add/sub as Python passes it: a whole number stays an integer, since libtorch refuses a
// floating-point alpha for integral tensors (`a + b` on int64 indices) and gives the same result for
// floating tensors either way.
inline at::Scalar alpha(double value) {
    if (std::abs(value) < 9.0e15 && value == std::trunc(value)) return at::Scalar(static_cast<int64_t>(value));
    return at::Scalar(value);
}

// A scalar as PyTorch's Python binding passes it to binary ops: a 0-dim "wrapped number" tensor,
// which takes part in type promotion like a scalar and gives the same autograd nodes as in Python
// (`t * 2` records MulBackward0, not the Scalar overload's MulBackward1).
inline at::Tensor wrapped(int64_t bits, int32_t kind) {
    auto t = c10::scalar_to_tensor(scalar(bits, kind));
    t.unsafeGetTensorImpl()->set_wrapped_number(true);
    return t;
}

// Options of a factory call; dtype -1 leaves libtorch's default (float32). ATen's factories
// reject requires_grad in options, so it is applied afterwards by `leaf`.
inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
    auto o = at::TensorOptions().device(device_of(device_type, device_index));
    return dtype >= 0 ? o.dtype(dtype_of(dtype)) : o;
}

inline crc_tensor leaf(at::Tensor t, int32_t requires_grad) {
    if (requires_grad != 0) t.requires_grad_(true);
    return wrap(std::move(t));
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
