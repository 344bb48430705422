// Area: tensor — creation, metadata, data access, shape ops, math, reductions, in-place ops.
//
// Conventions of this area:
//  * a scalar argument travels as (int64_t s_bits, int32_t s_kind): kind 0 is a double whose bits
//    are s_bits, 1 an int64, 2 a bool; so integer tensors stay integer (`t + 2`), like in PyTorch;
//  * dtype -1 means "keep the input's" or "the default" where documented;
//  * ops with several results write handles into `out` arrays and return a status (or a count).
#pragma once
#include "crc_common.h"

CRC_API void crc_tensor_free(crc_tensor t);

// ---- creation -------------------------------------------------------------------------------
// Copies `numel` elements of `dtype` from `data` into a new CPU tensor of the given shape,
// then moves it to the device.
CRC_API crc_tensor crc_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape,
                                        int32_t ndim, int32_t device_type, int32_t device_index,
                                        int32_t requires_grad);
CRC_API crc_tensor crc_tensor_empty(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad);
// dtype -1 infers it from the scalar (float32 for a double, int64 for an integer, bool).
CRC_API crc_tensor crc_tensor_full(const int64_t* shape, int32_t ndim, int64_t s_bits, int32_t s_kind,
                                   int32_t dtype, int32_t device_type, int32_t device_index,
                                   int32_t requires_grad);
// dtype -1 infers it from the bounds like torch.arange (int64 when all three are integers).
CRC_API crc_tensor crc_tensor_arange(int64_t start_bits, int64_t end_bits, int64_t step_bits,
                                     int32_t kind, int32_t dtype, int32_t device_type,
                                     int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_linspace(double start, double end, int64_t steps, int32_t dtype,
                                       int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_eye(int64_t n, int64_t m, int32_t dtype, int32_t device_type,
                                  int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim,
                                      int32_t dtype, int32_t device_type, int32_t device_index);
CRC_API crc_tensor crc_tensor_randperm(int64_t n, int32_t dtype, int32_t device_type, int32_t device_index);
// The *_like family: dtype -1 keeps the input's; device_type -1 keeps the input's device.
CRC_API crc_tensor crc_tensor_zeros_like(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_ones_like(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_empty_like(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_full_like(crc_tensor t, int64_t s_bits, int32_t s_kind, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_rand_like(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);
CRC_API crc_tensor crc_tensor_randn_like(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad);

// ---- metadata and data ------------------------------------------------------------------------
CRC_API int32_t crc_tensor_dim(crc_tensor t);
// Writes up to `capacity` sizes into `out` and returns the number of dimensions (-1 on failure).
CRC_API int32_t crc_tensor_sizes(crc_tensor t, int64_t* out, int32_t capacity);
CRC_API int32_t crc_tensor_strides(crc_tensor t, int64_t* out, int32_t capacity);
CRC_API int64_t crc_tensor_size(crc_tensor t, int64_t dim);
CRC_API int64_t crc_tensor_numel(crc_tensor t);
CRC_API int32_t crc_tensor_dtype(crc_tensor t);
// Device type in the low 16 bits, device index + 1 in the high 16 bits (0 means "no index").
CRC_API int32_t crc_tensor_device(crc_tensor t);
CRC_API int32_t crc_tensor_is_contiguous(crc_tensor t);
// Copies the elements (contiguous, CPU) into `out`, which holds `numel` elements of the tensor's dtype.
CRC_API int32_t crc_tensor_copy_to(crc_tensor t, void* out, int64_t numel);
CRC_API int32_t crc_tensor_item_double(crc_tensor t, double* out);
CRC_API int32_t crc_tensor_item_int64(crc_tensor t, int64_t* out);
CRC_API crc_tensor crc_tensor_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy);
CRC_API crc_tensor crc_tensor_clone(crc_tensor t);
CRC_API crc_tensor crc_tensor_contiguous(crc_tensor t);
// A second handle to the same tensor (same storage, same autograd identity).
CRC_API crc_tensor crc_tensor_alias(crc_tensor t);
// `tensor.data = source` in PyTorch: swaps the data, keeps the identity (used to move parameters).
CRC_API int32_t crc_tensor_set_data(crc_tensor t, crc_tensor source);

// ---- shape and indexing -------------------------------------------------------------------------
CRC_API crc_tensor crc_tensor_view(crc_tensor t, const int64_t* shape, int32_t ndim);
CRC_API crc_tensor crc_tensor_reshape(crc_tensor t, const int64_t* shape, int32_t ndim);
CRC_API crc_tensor crc_tensor_flatten(crc_tensor t, int64_t start_dim, int64_t end_dim);
CRC_API crc_tensor crc_tensor_squeeze(crc_tensor t);
CRC_API crc_tensor crc_tensor_squeeze_dim(crc_tensor t, int64_t dim);
CRC_API crc_tensor crc_tensor_unsqueeze(crc_tensor t, int64_t dim);
CRC_API crc_tensor crc_tensor_permute(crc_tensor t, const int64_t* dims, int32_t ndim);
CRC_API crc_tensor crc_tensor_transpose(crc_tensor t, int64_t dim0, int64_t dim1);
CRC_API crc_tensor crc_tensor_expand(crc_tensor t, const int64_t* shape, int32_t ndim);
CRC_API crc_tensor crc_tensor_repeat(crc_tensor t, const int64_t* repeats, int32_t ndim);
CRC_API crc_tensor crc_tensor_flip(crc_tensor t, const int64_t* dims, int32_t ndim);
CRC_API crc_tensor crc_tensor_cat(const crc_tensor* tensors, int32_t count, int64_t dim);
CRC_API crc_tensor crc_tensor_stack(const crc_tensor* tensors, int32_t count, int64_t dim);
// Write the pieces into `out` (capacity `capacity`) and return how many there are (-1 on failure).
CRC_API int32_t crc_tensor_split(crc_tensor t, int64_t split_size, int64_t dim, crc_tensor* out, int32_t capacity);
CRC_API int32_t crc_tensor_split_sizes(crc_tensor t, const int64_t* sizes, int32_t count, int64_t dim, crc_tensor* out, int32_t capacity);
CRC_API int32_t crc_tensor_chunk(crc_tensor t, int64_t chunks, int64_t dim, crc_tensor* out, int32_t capacity);
CRC_API crc_tensor crc_tensor_narrow(crc_tensor t, int64_t dim, int64_t start, int64_t length);
// has_start/has_end 0 mean "from the beginning" / "to the end"; negative bounds count from the end.
CRC_API crc_tensor crc_tensor_slice(crc_tensor t, int64_t dim, int64_t start, int32_t has_start,
                                    int64_t end, int32_t has_end, int64_t step);
CRC_API crc_tensor crc_tensor_select(crc_tensor t, int64_t dim, int64_t index);
CRC_API crc_tensor crc_tensor_index_select(crc_tensor t, int64_t dim, crc_tensor index);
CRC_API crc_tensor crc_tensor_masked_select(crc_tensor t, crc_tensor mask);
CRC_API crc_tensor crc_tensor_gather(crc_tensor t, int64_t dim, crc_tensor index);
CRC_API crc_tensor crc_tensor_scatter(crc_tensor t, int64_t dim, crc_tensor index, crc_tensor src);
CRC_API crc_tensor crc_tensor_scatter_value(crc_tensor t, int64_t dim, crc_tensor index, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_scatter_add(crc_tensor t, int64_t dim, crc_tensor index, crc_tensor src);
CRC_API crc_tensor crc_tensor_masked_fill(crc_tensor t, crc_tensor mask, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_where(crc_tensor condition, crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_one_hot(crc_tensor t, int64_t num_classes);
CRC_API crc_tensor crc_tensor_tril(crc_tensor t, int64_t diagonal);
CRC_API crc_tensor crc_tensor_triu(crc_tensor t, int64_t diagonal);

// ---- elementwise math -------------------------------------------------------------------------------
CRC_API crc_tensor crc_tensor_add(crc_tensor a, crc_tensor b, double alpha);
CRC_API crc_tensor crc_tensor_sub(crc_tensor a, crc_tensor b, double alpha);
CRC_API crc_tensor crc_tensor_mul(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_div(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_add_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_sub_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_rsub_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_mul_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_div_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
// scalar / tensor, as PyTorch computes it: reciprocal(t) * scalar.
CRC_API crc_tensor crc_tensor_rdiv_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_remainder(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_remainder_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_pow(crc_tensor a, crc_tensor exponent);
CRC_API crc_tensor crc_tensor_pow_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_rpow_scalar(crc_tensor exponent, int64_t s_bits, int32_t s_kind);
CRC_API crc_tensor crc_tensor_maximum(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_minimum(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_matmul(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_mm(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_bmm(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_outer(crc_tensor a, crc_tensor b);
// clamp with optional bounds (has_min/has_max 0 mean "unbounded on that side").
CRC_API crc_tensor crc_tensor_clamp(crc_tensor t, double min, int32_t has_min, double max, int32_t has_max);
CRC_API crc_tensor crc_tensor_lerp(crc_tensor start, crc_tensor end, double weight);

// Unary ops, all `crc_tensor crc_tensor_<op>(crc_tensor t)`.
#define CRC_TENSOR_UNARY_OPS(X) \
    X(neg) X(exp) X(log) X(log2) X(log10) X(log1p) X(expm1) X(sqrt) X(rsqrt) X(square) X(abs) \
    X(sign) X(reciprocal) X(floor) X(ceil) X(round) X(trunc) X(frac) X(sin) X(cos) X(tan) X(asin) X(acos) X(atan) \
    X(sinh) X(cosh) X(tanh) X(sigmoid) X(relu) X(erf) X(logical_not) X(isnan) X(isinf) X(isfinite) X(t)
#define CRC_DECLARE_UNARY(op) CRC_API crc_tensor crc_tensor_##op(crc_tensor t);
CRC_TENSOR_UNARY_OPS(CRC_DECLARE_UNARY)
#undef CRC_DECLARE_UNARY

// Comparisons and logical ops, `crc_tensor crc_tensor_<op>(a, b)` and `<op>_scalar(a, s)`.
#define CRC_TENSOR_COMPARE_OPS(X) X(eq) X(ne) X(lt) X(le) X(gt) X(ge)
#define CRC_DECLARE_COMPARE(op)                                          \
    CRC_API crc_tensor crc_tensor_##op(crc_tensor a, crc_tensor b);      \
    CRC_API crc_tensor crc_tensor_##op##_scalar(crc_tensor a, int64_t s_bits, int32_t s_kind);
CRC_TENSOR_COMPARE_OPS(CRC_DECLARE_COMPARE)
#undef CRC_DECLARE_COMPARE
CRC_API crc_tensor crc_tensor_logical_and(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_logical_or(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_tensor_logical_xor(crc_tensor a, crc_tensor b);
CRC_API int32_t crc_tensor_equal(crc_tensor a, crc_tensor b);
CRC_API int32_t crc_tensor_allclose(crc_tensor a, crc_tensor b, double rtol, double atol, int32_t equal_nan);

// ---- softmax and friends ------------------------------------------------------------------------------
CRC_API crc_tensor crc_tensor_softmax(crc_tensor t, int64_t dim, int32_t dtype);
CRC_API crc_tensor crc_tensor_log_softmax(crc_tensor t, int64_t dim, int32_t dtype);

// ---- reductions -----------------------------------------------------------------------------------------
// Whole-tensor reductions; dtype -1 keeps the input's (sum of integers gives int64, as in PyTorch).
CRC_API crc_tensor crc_tensor_sum(crc_tensor t, int32_t dtype);
CRC_API crc_tensor crc_tensor_mean(crc_tensor t, int32_t dtype);
CRC_API crc_tensor crc_tensor_prod(crc_tensor t, int32_t dtype);
CRC_API crc_tensor crc_tensor_sum_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype);
CRC_API crc_tensor crc_tensor_mean_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype);
CRC_API crc_tensor crc_tensor_std(crc_tensor t, int32_t unbiased);
CRC_API crc_tensor crc_tensor_var(crc_tensor t, int32_t unbiased);
CRC_API crc_tensor crc_tensor_std_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim);
CRC_API crc_tensor crc_tensor_var_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim);
CRC_API crc_tensor crc_tensor_norm(crc_tensor t, double p);
CRC_API crc_tensor crc_tensor_norm_dims(crc_tensor t, double p, const int64_t* dims, int32_t ndims, int32_t keepdim);
CRC_API crc_tensor crc_tensor_max(crc_tensor t);
CRC_API crc_tensor crc_tensor_min(crc_tensor t);
CRC_API int32_t crc_tensor_max_dim(crc_tensor t, int64_t dim, int32_t keepdim, crc_tensor* values, crc_tensor* indices);
CRC_API int32_t crc_tensor_min_dim(crc_tensor t, int64_t dim, int32_t keepdim, crc_tensor* values, crc_tensor* indices);
CRC_API crc_tensor crc_tensor_argmax(crc_tensor t, int64_t dim, int32_t has_dim, int32_t keepdim);
CRC_API crc_tensor crc_tensor_argmin(crc_tensor t, int64_t dim, int32_t has_dim, int32_t keepdim);
CRC_API int32_t crc_tensor_topk(crc_tensor t, int64_t k, int64_t dim, int32_t largest, int32_t sorted,
                                crc_tensor* values, crc_tensor* indices);
CRC_API int32_t crc_tensor_sort(crc_tensor t, int64_t dim, int32_t descending, crc_tensor* values, crc_tensor* indices);
CRC_API crc_tensor crc_tensor_argsort(crc_tensor t, int64_t dim, int32_t descending);
CRC_API crc_tensor crc_tensor_cumsum(crc_tensor t, int64_t dim);
CRC_API crc_tensor crc_tensor_all(crc_tensor t);
CRC_API crc_tensor crc_tensor_any(crc_tensor t);

// ---- in-place ops (return a status; the tensor itself is modified) -----------------------------------
CRC_API int32_t crc_tensor_add_(crc_tensor t, crc_tensor other, double alpha);
CRC_API int32_t crc_tensor_sub_(crc_tensor t, crc_tensor other, double alpha);
CRC_API int32_t crc_tensor_mul_(crc_tensor t, crc_tensor other);
CRC_API int32_t crc_tensor_div_(crc_tensor t, crc_tensor other);
CRC_API int32_t crc_tensor_add_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_mul_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_div_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_pow_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_addcmul_(crc_tensor t, crc_tensor a, crc_tensor b, double value);
CRC_API int32_t crc_tensor_addcdiv_(crc_tensor t, crc_tensor a, crc_tensor b, double value);
CRC_API int32_t crc_tensor_lerp_(crc_tensor t, crc_tensor end, double weight);
CRC_API int32_t crc_tensor_clamp_(crc_tensor t, double min, int32_t has_min, double max, int32_t has_max);
CRC_API int32_t crc_tensor_maximum_(crc_tensor t, crc_tensor other);
CRC_API int32_t crc_tensor_sqrt_(crc_tensor t);
CRC_API int32_t crc_tensor_neg_(crc_tensor t);
CRC_API int32_t crc_tensor_copy_(crc_tensor t, crc_tensor source);
// t = t.index_select(0, index) in place for a permutation index (rows moved along its cycles on the CPU).
CRC_API int32_t crc_tensor_permute_rows_(crc_tensor t, crc_tensor index);
CRC_API int32_t crc_tensor_zero_(crc_tensor t);
CRC_API int32_t crc_tensor_fill_(crc_tensor t, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_masked_fill_(crc_tensor t, crc_tensor mask, int64_t s_bits, int32_t s_kind);
CRC_API int32_t crc_tensor_uniform_(crc_tensor t, double from, double to);
CRC_API int32_t crc_tensor_normal_(crc_tensor t, double mean, double std);
CRC_API int32_t crc_tensor_bernoulli_(crc_tensor t, double p);
