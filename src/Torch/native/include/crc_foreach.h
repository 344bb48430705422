// Area: foreach — libtorch's _foreach_* operations, 1:1: one call applies an op to a whole list of
// tensors (an optimizer's parameters, gradients or state), so a step makes one boundary crossing and
// one dispatch per operation instead of one per parameter (torch/optim/*.py's foreach=True paths).
//
// A list is `n` tensor handles; lists passed together have the same length. In-place ops (trailing
// underscore) return a status; the others write `n` new handles into `out`, which the caller owns.
#pragma once
#include "crc_common.h"

// _foreach_add_(self, scalar), _foreach_add(self, scalar)
CRC_API int32_t crc_foreach_add_scalar_(const crc_tensor* self, int32_t n, double scalar);
CRC_API int32_t crc_foreach_add_scalar(const crc_tensor* self, int32_t n, double scalar, crc_tensor* out);
// _foreach_add_(self, other, alpha), _foreach_add(self, other, alpha)
CRC_API int32_t crc_foreach_add_list_(const crc_tensor* self, const crc_tensor* other, int32_t n, double alpha);
CRC_API int32_t crc_foreach_add_list(const crc_tensor* self, const crc_tensor* other, int32_t n, double alpha,
                                     crc_tensor* out);
// _foreach_mul_(self, scalar)
CRC_API int32_t crc_foreach_mul_scalar_(const crc_tensor* self, int32_t n, double scalar);
// _foreach_mul_(self, other): self[i] *= other[i] (other[i] may be a 0-dim tensor, broadcast).
CRC_API int32_t crc_foreach_mul_list_(const crc_tensor* self, const crc_tensor* other, int32_t n);
// _foreach_div_(self, scalars): one scalar per tensor.
CRC_API int32_t crc_foreach_div_scalarlist_(const crc_tensor* self, int32_t n, const double* scalars);
// _foreach_addcmul_(self, tensor1, tensor2, value)
CRC_API int32_t crc_foreach_addcmul_scalar_(const crc_tensor* self, const crc_tensor* tensor1,
                                            const crc_tensor* tensor2, int32_t n, double value);
// _foreach_addcdiv_(self, tensor1, tensor2, scalars): one value per tensor.
CRC_API int32_t crc_foreach_addcdiv_scalarlist_(const crc_tensor* self, const crc_tensor* tensor1,
                                                const crc_tensor* tensor2, int32_t n, const double* scalars);
// _foreach_sqrt(self), _foreach_neg(self)
CRC_API int32_t crc_foreach_sqrt(const crc_tensor* self, int32_t n, crc_tensor* out);
CRC_API int32_t crc_foreach_neg(const crc_tensor* self, int32_t n, crc_tensor* out);
// _foreach_zero_(self)
CRC_API int32_t crc_foreach_zero_(const crc_tensor* self, int32_t n);
