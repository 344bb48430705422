// Area tensor: creation, metadata and data access.
#include "crc_tensor.h"

#include <algorithm>

using crc::T;

namespace {

// Options for the *_like family: start from the input's, override what the caller gave.
at::TensorOptions like_options(const at::Tensor& t, int32_t dtype, int32_t device_type, int32_t device_index) {
    auto o = t.options();
    if (dtype >= 0) o = o.dtype(crc::dtype_of(dtype));
    if (device_type >= 0) o = o.device(crc::device_of(device_type, device_index));
    return o;
}

}  // namespace

CRC_API void crc_tensor_free(crc_tensor t) { delete static_cast<at::Tensor*>(t); }

CRC_API crc_tensor crc_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape,
                                        int32_t ndim, int32_t device_type, int32_t device_index,
                                        int32_t requires_grad) {
    CRC_TRY(nullptr, {
        auto cpu = at::empty(crc::dims(shape, ndim), at::TensorOptions().dtype(crc::dtype_of(dtype)));
        if (cpu.numel() > 0) std::memcpy(cpu.data_ptr(), data, cpu.nbytes());
        return crc::leaf(cpu.to(crc::device_of(device_type, device_index)), requires_grad);
    })
}

CRC_API crc_tensor crc_tensor_empty(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::empty(crc::dims(shape, ndim), crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::zeros(crc::dims(shape, ndim), crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::ones(crc::dims(shape, ndim), crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_full(const int64_t* shape, int32_t ndim, int64_t s_bits, int32_t s_kind,
                                   int32_t dtype, int32_t device_type, int32_t device_index,
                                   int32_t requires_grad) {
    CRC_TRY(nullptr, {
        auto value = crc::scalar(s_bits, s_kind);
        auto o = crc::options(dtype, device_type, device_index);
        // torch.full infers the dtype from the fill value (float32, int64 or bool).
        if (dtype < 0) o = o.dtype(s_kind == 0 ? at::kFloat : s_kind == 1 ? at::kLong : at::kBool);
        return crc::leaf(at::full(crc::dims(shape, ndim), value, o), requires_grad);
    })
}

CRC_API crc_tensor crc_tensor_arange(int64_t start_bits, int64_t end_bits, int64_t step_bits,
                                     int32_t kind, int32_t dtype, int32_t device_type,
                                     int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::arange(crc::scalar(start_bits, kind), crc::scalar(end_bits, kind),
                                                 crc::scalar(step_bits, kind),
                                                 crc::options(dtype, device_type, device_index)),
                                      requires_grad);)
}

CRC_API crc_tensor crc_tensor_linspace(double start, double end, int64_t steps, int32_t dtype,
                                       int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::linspace(start, end, steps, crc::options(dtype, device_type, device_index)),
                                      requires_grad);)
}

CRC_API crc_tensor crc_tensor_eye(int64_t n, int64_t m, int32_t dtype, int32_t device_type,
                                  int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::eye(n, m, crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::rand(crc::dims(shape, ndim), crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::randn(crc::dims(shape, ndim), crc::options(dtype, device_type, device_index)), requires_grad);)
}

CRC_API crc_tensor crc_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim,
                                      int32_t dtype, int32_t device_type, int32_t device_index) {
    CRC_TRY(nullptr, {
        auto o = crc::options(dtype, device_type, device_index);
        if (dtype < 0) o = o.dtype(at::kLong);
        return crc::wrap(at::randint(low, high, crc::dims(shape, ndim), o));
    })
}

CRC_API crc_tensor crc_tensor_randperm(int64_t n, int32_t dtype, int32_t device_type, int32_t device_index) {
    CRC_TRY(nullptr, {
        auto o = crc::options(dtype, device_type, device_index);
        if (dtype < 0) o = o.dtype(at::kLong);
        return crc::wrap(at::randperm(n, o));
    })
}

#define CRC_DEFINE_LIKE(op)                                                                          \
    CRC_API crc_tensor crc_tensor_##op##_like(crc_tensor t, int32_t dtype, int32_t device_type,      \
                                              int32_t device_index, int32_t requires_grad) {         \
        CRC_TRY(nullptr, return crc::leaf(at::op##_like(T(t), like_options(T(t), dtype, device_type, \
                                                                           device_index)),           \
                                          requires_grad);)                                           \
    }
CRC_DEFINE_LIKE(zeros)
CRC_DEFINE_LIKE(ones)
CRC_DEFINE_LIKE(empty)
CRC_DEFINE_LIKE(rand)
CRC_DEFINE_LIKE(randn)
#undef CRC_DEFINE_LIKE

CRC_API crc_tensor crc_tensor_full_like(crc_tensor t, int64_t s_bits, int32_t s_kind, int32_t dtype,
                                        int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::leaf(at::full_like(T(t), crc::scalar(s_bits, s_kind),
                                                    like_options(T(t), dtype, device_type, device_index)),
                                      requires_grad);)
}

CRC_API int32_t crc_tensor_dim(crc_tensor t) { CRC_TRY(-1, return static_cast<int32_t>(T(t).dim());) }

CRC_API int32_t crc_tensor_sizes(crc_tensor t, int64_t* out, int32_t capacity) {
    CRC_TRY(-1, {
        auto sizes = T(t).sizes();
        auto n = std::min<size_t>(sizes.size(), static_cast<size_t>(std::max(capacity, 0)));
        for (size_t i = 0; i < n; ++i) out[i] = sizes[i];
        return static_cast<int32_t>(sizes.size());
    })
}

CRC_API int32_t crc_tensor_strides(crc_tensor t, int64_t* out, int32_t capacity) {
    CRC_TRY(-1, {
        auto strides = T(t).strides();
        auto n = std::min<size_t>(strides.size(), static_cast<size_t>(std::max(capacity, 0)));
        for (size_t i = 0; i < n; ++i) out[i] = strides[i];
        return static_cast<int32_t>(strides.size());
    })
}

CRC_API int64_t crc_tensor_size(crc_tensor t, int64_t dim) { CRC_TRY(-1, return T(t).size(dim);) }

CRC_API int64_t crc_tensor_numel(crc_tensor t) { CRC_TRY(-1, return T(t).numel();) }

CRC_API int32_t crc_tensor_dtype(crc_tensor t) {
    CRC_TRY(-1, return static_cast<int32_t>(T(t).scalar_type());)
}

CRC_API int32_t crc_tensor_device(crc_tensor t) {
    CRC_TRY(-1, {
        auto d = T(t).device();
        return static_cast<int32_t>(d.type()) | ((static_cast<int32_t>(d.index()) + 1) << 16);
    })
}

CRC_API int32_t crc_tensor_is_contiguous(crc_tensor t) { CRC_TRY(-1, return T(t).is_contiguous() ? 1 : 0;) }

CRC_API int32_t crc_tensor_copy_to(crc_tensor t, void* out, int64_t numel) {
    CRC_STATUS({
        auto cpu = T(t).detach().to(at::kCPU).contiguous();
        TORCH_CHECK(cpu.numel() == numel, "copy_to: the tensor has ", cpu.numel(),
                    " elements but the destination holds ", numel);
        if (numel > 0) std::memcpy(out, cpu.data_ptr(), cpu.nbytes());
    })
}

CRC_API int32_t crc_tensor_item_double(crc_tensor t, double* out) { CRC_STATUS(*out = T(t).item<double>();) }

CRC_API int32_t crc_tensor_item_int64(crc_tensor t, int64_t* out) { CRC_STATUS(*out = T(t).item<int64_t>();) }

CRC_API crc_tensor crc_tensor_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy) {
    CRC_TRY(nullptr, return crc::wrap(T(t).to(crc::device_of(device_type, device_index), crc::dtype_of(dtype),
                                              /*non_blocking=*/false, copy != 0));)
}

CRC_API crc_tensor crc_tensor_clone(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t).clone());) }

CRC_API crc_tensor crc_tensor_contiguous(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t).contiguous());) }

CRC_API crc_tensor crc_tensor_alias(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(T(t));) }

CRC_API int32_t crc_tensor_set_data(crc_tensor t, crc_tensor source) { CRC_STATUS(T(t).set_data(T(source));) }
