// Area tensor: in-place ops, the building blocks of optimizers and initializers.
#include "crc_tensor.h"

using crc::T;

namespace {

c10::optional<at::Scalar> bound(double value, int32_t present) {
    return present != 0 ? c10::optional<at::Scalar>(value) : c10::nullopt;
}

}  // namespace

CRC_API int32_t crc_tensor_add_(crc_tensor t, crc_tensor other, double alpha) { CRC_STATUS(T(t).add_(T(other), crc::alpha(alpha));) }

CRC_API int32_t crc_tensor_sub_(crc_tensor t, crc_tensor other, double alpha) { CRC_STATUS(T(t).sub_(T(other), crc::alpha(alpha));) }

CRC_API int32_t crc_tensor_mul_(crc_tensor t, crc_tensor other) { CRC_STATUS(T(t).mul_(T(other));) }

CRC_API int32_t crc_tensor_div_(crc_tensor t, crc_tensor other) { CRC_STATUS(T(t).div_(T(other));) }

CRC_API int32_t crc_tensor_add_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).add_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_mul_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).mul_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_div_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).div_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_pow_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).pow_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_addcmul_(crc_tensor t, crc_tensor a, crc_tensor b, double value) {
    CRC_STATUS(T(t).addcmul_(T(a), T(b), value);)
}

CRC_API int32_t crc_tensor_addcdiv_(crc_tensor t, crc_tensor a, crc_tensor b, double value) {
    CRC_STATUS(T(t).addcdiv_(T(a), T(b), value);)
}

CRC_API int32_t crc_tensor_lerp_(crc_tensor t, crc_tensor end, double weight) { CRC_STATUS(T(t).lerp_(T(end), weight);) }

CRC_API int32_t crc_tensor_clamp_(crc_tensor t, double min, int32_t has_min, double max, int32_t has_max) {
    CRC_STATUS(T(t).clamp_(bound(min, has_min), bound(max, has_max));)
}

CRC_API int32_t crc_tensor_maximum_(crc_tensor t, crc_tensor other) { CRC_STATUS(at::maximum_out(T(t), T(t), T(other));) }

CRC_API int32_t crc_tensor_sqrt_(crc_tensor t) { CRC_STATUS(T(t).sqrt_();) }

CRC_API int32_t crc_tensor_neg_(crc_tensor t) { CRC_STATUS(T(t).neg_();) }

CRC_API int32_t crc_tensor_copy_(crc_tensor t, crc_tensor source) { CRC_STATUS(T(t).copy_(T(source));) }

CRC_API int32_t crc_tensor_zero_(crc_tensor t) { CRC_STATUS(T(t).zero_();) }

CRC_API int32_t crc_tensor_fill_(crc_tensor t, int64_t s_bits, int32_t s_kind) { CRC_STATUS(T(t).fill_(crc::scalar(s_bits, s_kind));) }

CRC_API int32_t crc_tensor_masked_fill_(crc_tensor t, crc_tensor mask, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).masked_fill_(T(mask), crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_uniform_(crc_tensor t, double from, double to) { CRC_STATUS(T(t).uniform_(from, to);) }

CRC_API int32_t crc_tensor_normal_(crc_tensor t, double mean, double std) { CRC_STATUS(T(t).normal_(mean, std);) }

CRC_API int32_t crc_tensor_bernoulli_(crc_tensor t, double p) { CRC_STATUS(T(t).bernoulli_(p);) }
