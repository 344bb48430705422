// Internal to the optim area's translation units; not part of the C ABI.
#pragma once
#include "crc_common.h"

namespace crc::optim {

// The parameter's gradient, negated when maximizing; fails on a missing or sparse gradient.
at::Tensor dense_grad(const at::Tensor& param, bool maximize, const char* optimizer);

// The i-th tensor of an optional state array (an undefined tensor when the array is null).
inline at::Tensor slot(const crc_tensor* array, int32_t i) {
    return array != nullptr && array[i] != nullptr ? crc::T(array[i]) : at::Tensor();
}

}  // namespace crc::optim
