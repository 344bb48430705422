// Area tensor: elementwise math, comparisons, matrix products, softmax.
#include "crc_tensor.h"

using crc::T;

namespace {

c10::optional<at::Scalar> bound(double value, int32_t present) {
    return present != 0 ? c10::optional<at::Scalar>(value) : c10::nullopt;
}

}  // namespace

CRC_API crc_tensor crc_tensor_add(crc_tensor a, crc_tensor b, double alpha) {
    CRC_TRY(nullptr, return crc::wrap(at::add(T(a), T(b), crc::alpha(alpha)));)
}

CRC_API crc_tensor crc_tensor_sub(crc_tensor a, crc_tensor b, double alpha) {
    CRC_TRY(nullptr, return crc::wrap(at::sub(T(a), T(b), crc::alpha(alpha)));)
}

CRC_API crc_tensor crc_tensor_mul(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::mul(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_div(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::div(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_add_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::add(T(a), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_sub_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::sub(T(a), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_rsub_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::rsub(T(a), crc::scalar(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_mul_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::mul(T(a), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_div_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::div(T(a), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_rdiv_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::mul(at::reciprocal(T(a)), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_remainder(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::remainder(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_remainder_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::remainder(T(a), crc::wrapped(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_pow(crc_tensor a, crc_tensor exponent) {
    CRC_TRY(nullptr, return crc::wrap(at::pow(T(a), T(exponent)));)
}

CRC_API crc_tensor crc_tensor_pow_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::pow(T(a), crc::scalar(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_rpow_scalar(crc_tensor exponent, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(at::pow(crc::scalar(s_bits, s_kind), T(exponent)));)
}

CRC_API crc_tensor crc_tensor_maximum(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::maximum(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_minimum(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::minimum(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_matmul(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::matmul(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_mm(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::mm(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_bmm(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::bmm(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_outer(crc_tensor a, crc_tensor b) { CRC_TRY(nullptr, return crc::wrap(at::outer(T(a), T(b)));) }

CRC_API crc_tensor crc_tensor_clamp(crc_tensor t, double min, int32_t has_min, double max, int32_t has_max) {
    CRC_TRY(nullptr, return crc::wrap(at::clamp(T(t), bound(min, has_min), bound(max, has_max)));)
}

CRC_API crc_tensor crc_tensor_lerp(crc_tensor start, crc_tensor end, double weight) {
    CRC_TRY(nullptr, return crc::wrap(at::lerp(T(start), T(end), weight));)
}

#define CRC_DEFINE_UNARY(op) \
    CRC_API crc_tensor crc_tensor_##op(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::op(T(t)));) }
CRC_TENSOR_UNARY_OPS(CRC_DEFINE_UNARY)
#undef CRC_DEFINE_UNARY

#define CRC_DEFINE_COMPARE(op)                                                                     \
    CRC_API crc_tensor crc_tensor_##op(crc_tensor a, crc_tensor b) {                               \
        CRC_TRY(nullptr, return crc::wrap(at::op(T(a), T(b)));)                                    \
    }                                                                                              \
    CRC_API crc_tensor crc_tensor_##op##_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind) {    \
        CRC_TRY(nullptr, return crc::wrap(at::op(T(a), crc::scalar(s_bits, s_kind)));)             \
    }
CRC_TENSOR_COMPARE_OPS(CRC_DEFINE_COMPARE)
#undef CRC_DEFINE_COMPARE

CRC_API crc_tensor crc_tensor_logical_and(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::logical_and(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_logical_or(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::logical_or(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_logical_xor(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::logical_xor(T(a), T(b)));)
}

CRC_API int32_t crc_tensor_equal(crc_tensor a, crc_tensor b) { CRC_TRY(-1, return at::equal(T(a), T(b)) ? 1 : 0;) }

CRC_API int32_t crc_tensor_allclose(crc_tensor a, crc_tensor b, double rtol, double atol, int32_t equal_nan) {
    CRC_TRY(-1, return at::allclose(T(a), T(b), rtol, atol, equal_nan != 0) ? 1 : 0;)
}

CRC_API crc_tensor crc_tensor_softmax(crc_tensor t, int64_t dim, int32_t dtype) {
    CRC_TRY(nullptr, {
        c10::optional<at::ScalarType> d = dtype >= 0 ? c10::optional<at::ScalarType>(crc::dtype_of(dtype)) : c10::nullopt;
        return crc::wrap(at::softmax(T(t), dim, d));
    })
}

CRC_API crc_tensor crc_tensor_log_softmax(crc_tensor t, int64_t dim, int32_t dtype) {
    CRC_TRY(nullptr, {
        c10::optional<at::ScalarType> d = dtype >= 0 ? c10::optional<at::ScalarType>(crc::dtype_of(dtype)) : c10::nullopt;
        return crc::wrap(at::log_softmax(T(t), dim, d));
    })
}
