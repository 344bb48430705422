// libtorch's _foreach_* operations over lists of tensors (see crc_foreach.h).
#include <vector>

#include <c10/util/SmallVector.h>

#include "crc_foreach.h"

namespace {

// An optimizer's lists are short: they stay on the stack.
constexpr unsigned kInline = 16;

c10::SmallVector<at::Tensor, kInline> list(const crc_tensor* handles, int32_t n) {
    c10::SmallVector<at::Tensor, kInline> result;
    result.reserve(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) result.push_back(crc::T(handles[i]));
    return result;
}

c10::SmallVector<at::Scalar, kInline> scalars(const double* values, int32_t n) {
    return c10::SmallVector<at::Scalar, kInline>(values, values + n);
}

void give(std::vector<at::Tensor> results, crc_tensor* out) {
    for (size_t i = 0; i < results.size(); ++i) out[i] = crc::wrap(std::move(results[i]));
}

}  // namespace

CRC_API int32_t crc_foreach_add_scalar_(const crc_tensor* self, int32_t n, double scalar) {
    CRC_STATUS(at::_foreach_add_(list(self, n), scalar);)
}

CRC_API int32_t crc_foreach_add_scalar(const crc_tensor* self, int32_t n, double scalar, crc_tensor* out) {
    CRC_STATUS(give(at::_foreach_add(list(self, n), scalar), out);)
}

CRC_API int32_t crc_foreach_add_list_(const crc_tensor* self, const crc_tensor* other, int32_t n, double alpha) {
    CRC_STATUS(at::_foreach_add_(list(self, n), list(other, n), crc::alpha(alpha));)
}

CRC_API int32_t crc_foreach_add_list(const crc_tensor* self, const crc_tensor* other, int32_t n, double alpha,
                                     crc_tensor* out) {
    CRC_STATUS(give(at::_foreach_add(list(self, n), list(other, n), crc::alpha(alpha)), out);)
}

CRC_API int32_t crc_foreach_mul_scalar_(const crc_tensor* self, int32_t n, double scalar) {
    CRC_STATUS(at::_foreach_mul_(list(self, n), scalar);)
}

CRC_API int32_t crc_foreach_mul_list_(const crc_tensor* self, const crc_tensor* other, int32_t n) {
    CRC_STATUS(at::_foreach_mul_(list(self, n), list(other, n));)
}

CRC_API int32_t crc_foreach_div_scalarlist_(const crc_tensor* self, int32_t n, const double* values) {
    CRC_STATUS(at::_foreach_div_(list(self, n), scalars(values, n));)
}

CRC_API int32_t crc_foreach_addcmul_scalar_(const crc_tensor* self, const crc_tensor* tensor1,
                                            const crc_tensor* tensor2, int32_t n, double value) {
    CRC_STATUS(at::_foreach_addcmul_(list(self, n), list(tensor1, n), list(tensor2, n), value);)
}

CRC_API int32_t crc_foreach_addcdiv_scalarlist_(const crc_tensor* self, const crc_tensor* tensor1,
                                                const crc_tensor* tensor2, int32_t n, const double* values) {
    CRC_STATUS(at::_foreach_addcdiv_(list(self, n), list(tensor1, n), list(tensor2, n), scalars(values, n));)
}

CRC_API int32_t crc_foreach_sqrt(const crc_tensor* self, int32_t n, crc_tensor* out) {
    CRC_STATUS(give(at::_foreach_sqrt(list(self, n)), out);)
}

CRC_API int32_t crc_foreach_neg(const crc_tensor* self, int32_t n, crc_tensor* out) {
    CRC_STATUS(give(at::_foreach_neg(list(self, n)), out);)
}

CRC_API int32_t crc_foreach_zero_(const crc_tensor* self, int32_t n) {
    CRC_STATUS(at::_foreach_zero_(list(self, n));)
}
