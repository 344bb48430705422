// Area tensor: views, reshaping, joining, splitting and indexing.
#include "crc_tensor.h"

#include <limits>
#include <vector>

using crc::T;

namespace {

std::vector<at::Tensor> gather_list(const crc_tensor* tensors, int32_t count) {
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) list.push_back(T(tensors[i]));
    return list;
}

// Hands the pieces to the caller; returns how many there are, even if more than fit.
int32_t scatter_list(std::vector<at::Tensor> pieces, crc_tensor* out, int32_t capacity) {
    auto n = static_cast<int32_t>(pieces.size());
    TORCH_CHECK(n <= capacity, "the result has ", n, " pieces but room for ", capacity, " was given");
    for (int32_t i = 0; i < n; ++i) out[i] = crc::wrap(std::move(pieces[static_cast<size_t>(i)]));
    return n;
}

}  // namespace

CRC_API crc_tensor crc_tensor_view(crc_tensor t, const int64_t* shape, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).view(crc::dims(shape, ndim)));)
}

CRC_API crc_tensor crc_tensor_reshape(crc_tensor t, const int64_t* shape, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).reshape(crc::dims(shape, ndim)));)
}

CRC_API crc_tensor crc_tensor_flatten(crc_tensor t, int64_t start_dim, int64_t end_dim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).flatten(start_dim, end_dim));)
}

CRC_API crc_tensor crc_tensor_squeeze(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t).squeeze());) }

CRC_API crc_tensor crc_tensor_squeeze_dim(crc_tensor t, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).squeeze(dim));)
}

CRC_API crc_tensor crc_tensor_unsqueeze(crc_tensor t, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).unsqueeze(dim));)
}

CRC_API crc_tensor crc_tensor_permute(crc_tensor t, const int64_t* dims, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).permute(crc::dims(dims, ndim)));)
}

CRC_API crc_tensor crc_tensor_transpose(crc_tensor t, int64_t dim0, int64_t dim1) {
    CRC_TRY(nullptr, return crc::wrap(T(t).transpose(dim0, dim1));)
}

CRC_API crc_tensor crc_tensor_expand(crc_tensor t, const int64_t* shape, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).expand(crc::dims(shape, ndim)));)
}

CRC_API crc_tensor crc_tensor_repeat(crc_tensor t, const int64_t* repeats, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).repeat(crc::dims(repeats, ndim)));)
}

CRC_API crc_tensor crc_tensor_flip(crc_tensor t, const int64_t* dims, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(T(t).flip(crc::dims(dims, ndim)));)
}

CRC_API crc_tensor crc_tensor_cat(const crc_tensor* tensors, int32_t count, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(at::cat(gather_list(tensors, count), dim));)
}

CRC_API crc_tensor crc_tensor_stack(const crc_tensor* tensors, int32_t count, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(at::stack(gather_list(tensors, count), dim));)
}

CRC_API int32_t crc_tensor_split(crc_tensor t, int64_t split_size, int64_t dim, crc_tensor* out, int32_t capacity) {
    CRC_TRY(-1, return scatter_list(T(t).split(split_size, dim), out, capacity);)
}

CRC_API int32_t crc_tensor_split_sizes(crc_tensor t, const int64_t* sizes, int32_t count, int64_t dim,
                                       crc_tensor* out, int32_t capacity) {
    CRC_TRY(-1, return scatter_list(T(t).split_with_sizes(crc::dims(sizes, count), dim), out, capacity);)
}

CRC_API int32_t crc_tensor_chunk(crc_tensor t, int64_t chunks, int64_t dim, crc_tensor* out, int32_t capacity) {
    CRC_TRY(-1, return scatter_list(T(t).chunk(chunks, dim), out, capacity);)
}

CRC_API crc_tensor crc_tensor_narrow(crc_tensor t, int64_t dim, int64_t start, int64_t length) {
    CRC_TRY(nullptr, return crc::wrap(T(t).narrow(dim, start, length));)
}

CRC_API crc_tensor crc_tensor_slice(crc_tensor t, int64_t dim, int64_t start, int32_t has_start,
                                    int64_t end, int32_t has_end, int64_t step) {
    CRC_TRY(nullptr, {
        c10::optional<int64_t> s = has_start != 0 ? c10::optional<int64_t>(start) : c10::nullopt;
        c10::optional<int64_t> e = has_end != 0 ? c10::optional<int64_t>(end) : c10::nullopt;
        return crc::wrap(at::slice(T(t), dim, s, e, step));
    })
}

CRC_API crc_tensor crc_tensor_select(crc_tensor t, int64_t dim, int64_t index) {
    CRC_TRY(nullptr, return crc::wrap(T(t).select(dim, index));)
}

CRC_API crc_tensor crc_tensor_index_select(crc_tensor t, int64_t dim, crc_tensor index) {
    CRC_TRY(nullptr, return crc::wrap(T(t).index_select(dim, T(index)));)
}

CRC_API crc_tensor crc_tensor_masked_select(crc_tensor t, crc_tensor mask) {
    CRC_TRY(nullptr, return crc::wrap(T(t).masked_select(T(mask)));)
}

CRC_API crc_tensor crc_tensor_gather(crc_tensor t, int64_t dim, crc_tensor index) {
    CRC_TRY(nullptr, return crc::wrap(T(t).gather(dim, T(index)));)
}

CRC_API crc_tensor crc_tensor_scatter(crc_tensor t, int64_t dim, crc_tensor index, crc_tensor src) {
    CRC_TRY(nullptr, return crc::wrap(T(t).scatter(dim, T(index), T(src)));)
}

CRC_API crc_tensor crc_tensor_scatter_value(crc_tensor t, int64_t dim, crc_tensor index, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(T(t).scatter(dim, T(index), crc::scalar(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_scatter_add(crc_tensor t, int64_t dim, crc_tensor index, crc_tensor src) {
    CRC_TRY(nullptr, return crc::wrap(T(t).scatter_add(dim, T(index), T(src)));)
}

CRC_API crc_tensor crc_tensor_masked_fill(crc_tensor t, crc_tensor mask, int64_t s_bits, int32_t s_kind) {
    CRC_TRY(nullptr, return crc::wrap(T(t).masked_fill(T(mask), crc::scalar(s_bits, s_kind)));)
}

CRC_API crc_tensor crc_tensor_where(crc_tensor condition, crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::where(T(condition), T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_one_hot(crc_tensor t, int64_t num_classes) {
    CRC_TRY(nullptr, return crc::wrap(at::one_hot(T(t), num_classes));)
}

CRC_API crc_tensor crc_tensor_tril(crc_tensor t, int64_t diagonal) { CRC_TRY(nullptr, return crc::wrap(T(t).tril(diagonal));) }

CRC_API crc_tensor crc_tensor_triu(crc_tensor t, int64_t diagonal) { CRC_TRY(nullptr, return crc::wrap(T(t).triu(diagonal));) }
