// Area tensor: reductions, sorting, top-k.
#include "crc_tensor.h"

using crc::T;

namespace {

c10::optional<at::ScalarType> maybe_dtype(int32_t dtype) {
    return dtype >= 0 ? c10::optional<at::ScalarType>(crc::dtype_of(dtype)) : c10::nullopt;
}

}  // namespace

CRC_API crc_tensor crc_tensor_sum(crc_tensor t, int32_t dtype) { CRC_TRY(nullptr, return crc::wrap(at::sum(T(t), maybe_dtype(dtype)));) }

CRC_API crc_tensor crc_tensor_mean(crc_tensor t, int32_t dtype) { CRC_TRY(nullptr, return crc::wrap(at::mean(T(t), maybe_dtype(dtype)));) }

CRC_API crc_tensor crc_tensor_prod(crc_tensor t, int32_t dtype) { CRC_TRY(nullptr, return crc::wrap(at::prod(T(t), maybe_dtype(dtype)));) }

CRC_API crc_tensor crc_tensor_sum_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype) {
    CRC_TRY(nullptr, return crc::wrap(at::sum(T(t), crc::dims(dims, ndims), keepdim != 0, maybe_dtype(dtype)));)
}

CRC_API crc_tensor crc_tensor_mean_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int32_t dtype) {
    CRC_TRY(nullptr, return crc::wrap(at::mean(T(t), crc::dims(dims, ndims), keepdim != 0, maybe_dtype(dtype)));)
}

CRC_API crc_tensor crc_tensor_std(crc_tensor t, int32_t unbiased) { CRC_TRY(nullptr, return crc::wrap(at::std(T(t), unbiased != 0));) }

CRC_API crc_tensor crc_tensor_var(crc_tensor t, int32_t unbiased) { CRC_TRY(nullptr, return crc::wrap(at::var(T(t), unbiased != 0));) }

CRC_API crc_tensor crc_tensor_std_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim) {
    CRC_TRY(nullptr, return crc::wrap(at::std(T(t), crc::dims(dims, ndims), unbiased != 0, keepdim != 0));)
}

CRC_API crc_tensor crc_tensor_var_dims(crc_tensor t, const int64_t* dims, int32_t ndims, int32_t unbiased, int32_t keepdim) {
    CRC_TRY(nullptr, return crc::wrap(at::var(T(t), crc::dims(dims, ndims), unbiased != 0, keepdim != 0));)
}

CRC_API crc_tensor crc_tensor_norm(crc_tensor t, double p) { CRC_TRY(nullptr, return crc::wrap(at::norm(T(t), p));) }

CRC_API crc_tensor crc_tensor_norm_dims(crc_tensor t, double p, const int64_t* dims, int32_t ndims, int32_t keepdim) {
    CRC_TRY(nullptr, return crc::wrap(at::norm(T(t), p, crc::dims(dims, ndims), keepdim != 0));)
}

CRC_API crc_tensor crc_tensor_max(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::max(T(t)));) }

CRC_API crc_tensor crc_tensor_min(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::min(T(t)));) }

CRC_API int32_t crc_tensor_max_dim(crc_tensor t, int64_t dim, int32_t keepdim, crc_tensor* values, crc_tensor* indices) {
    CRC_STATUS({
        auto result = at::max(T(t), dim, keepdim != 0);
        *values = crc::wrap(std::get<0>(result));
        *indices = crc::wrap(std::get<1>(result));
    })
}

CRC_API int32_t crc_tensor_min_dim(crc_tensor t, int64_t dim, int32_t keepdim, crc_tensor* values, crc_tensor* indices) {
    CRC_STATUS({
        auto result = at::min(T(t), dim, keepdim != 0);
        *values = crc::wrap(std::get<0>(result));
        *indices = crc::wrap(std::get<1>(result));
    })
}

CRC_API crc_tensor crc_tensor_argmax(crc_tensor t, int64_t dim, int32_t has_dim, int32_t keepdim) {
    CRC_TRY(nullptr, return crc::wrap(at::argmax(T(t), has_dim != 0 ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));)
}

CRC_API crc_tensor crc_tensor_argmin(crc_tensor t, int64_t dim, int32_t has_dim, int32_t keepdim) {
    CRC_TRY(nullptr, return crc::wrap(at::argmin(T(t), has_dim != 0 ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));)
}

CRC_API int32_t crc_tensor_topk(crc_tensor t, int64_t k, int64_t dim, int32_t largest, int32_t sorted,
                                crc_tensor* values, crc_tensor* indices) {
    CRC_STATUS({
        auto result = at::topk(T(t), k, dim, largest != 0, sorted != 0);
        *values = crc::wrap(std::get<0>(result));
        *indices = crc::wrap(std::get<1>(result));
    })
}

CRC_API int32_t crc_tensor_sort(crc_tensor t, int64_t dim, int32_t descending, crc_tensor* values, crc_tensor* indices) {
    CRC_STATUS({
        auto result = at::sort(T(t), dim, descending != 0);
        *values = crc::wrap(std::get<0>(result));
        *indices = crc::wrap(std::get<1>(result));
    })
}

CRC_API crc_tensor crc_tensor_argsort(crc_tensor t, int64_t dim, int32_t descending) {
    CRC_TRY(nullptr, return crc::wrap(at::argsort(T(t), dim, descending != 0));)
}

CRC_API crc_tensor crc_tensor_cumsum(crc_tensor t, int64_t dim) { CRC_TRY(nullptr, return crc::wrap(at::cumsum(T(t), dim));) }

CRC_API crc_tensor crc_tensor_all(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::all(T(t)));) }

CRC_API crc_tensor crc_tensor_any(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::any(T(t)));) }
