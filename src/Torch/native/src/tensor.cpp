#include "crc_tensor.h"

#include <cstring>

using crc::T;

namespace {

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index,
                          int32_t requires_grad) {
    return at::TensorOptions()
        .dtype(crc::dtype_of(dtype))
        .device(crc::device_of(device_type, device_index))
        .requires_grad(requires_grad != 0);
}

}  // namespace

CRC_API void crc_tensor_free(crc_tensor t) { delete static_cast<at::Tensor*>(t); }

CRC_API crc_tensor crc_tensor_from_data(const void* data, int32_t dtype, const int64_t* shape,
                                        int32_t ndim, int32_t device_type, int32_t device_index,
                                        int32_t requires_grad) {
    CRC_TRY(nullptr, {
        auto cpu = at::empty(crc::dims(shape, ndim), at::TensorOptions().dtype(crc::dtype_of(dtype)));
        if (cpu.numel() > 0) std::memcpy(cpu.data_ptr(), data, cpu.nbytes());
        auto result = cpu.to(crc::device_of(device_type, device_index));
        if (requires_grad) result.requires_grad_(true);
        return crc::wrap(std::move(result));
    })
}

CRC_API crc_tensor crc_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::wrap(at::zeros(crc::dims(shape, ndim),
                                                options(dtype, device_type, device_index, requires_grad)));)
}

CRC_API crc_tensor crc_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::wrap(at::ones(crc::dims(shape, ndim),
                                               options(dtype, device_type, device_index, requires_grad)));)
}

CRC_API int32_t crc_tensor_dim(crc_tensor t) { CRC_TRY(-1, return static_cast<int32_t>(T(t).dim());) }

CRC_API int32_t crc_tensor_sizes(crc_tensor t, int64_t* out) {
    CRC_STATUS({
        auto sizes = T(t).sizes();
        for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
    })
}

CRC_API int64_t crc_tensor_numel(crc_tensor t) { CRC_TRY(-1, return T(t).numel();) }

CRC_API int32_t crc_tensor_dtype(crc_tensor t) {
    CRC_TRY(-1, return static_cast<int32_t>(T(t).scalar_type());)
}

CRC_API int32_t crc_tensor_device_type(crc_tensor t) {
    CRC_TRY(-1, return static_cast<int32_t>(T(t).device().type());)
}

CRC_API int32_t crc_tensor_device_index(crc_tensor t) {
    CRC_TRY(-2, return static_cast<int32_t>(T(t).device().index());)
}

CRC_API int32_t crc_tensor_copy_to(crc_tensor t, void* out, int64_t numel) {
    CRC_STATUS({
        auto cpu = T(t).detach().to(at::kCPU).contiguous();
        TORCH_CHECK(cpu.numel() == numel, "copy_to: the tensor has ", cpu.numel(),
                    " elements but the destination holds ", numel);
        if (numel > 0) std::memcpy(out, cpu.data_ptr(), cpu.nbytes());
    })
}

CRC_API crc_tensor crc_tensor_add(crc_tensor a, crc_tensor b, double alpha) {
    CRC_TRY(nullptr, return crc::wrap(at::add(T(a), T(b), alpha));)
}

CRC_API crc_tensor crc_tensor_sub(crc_tensor a, crc_tensor b, double alpha) {
    CRC_TRY(nullptr, return crc::wrap(at::sub(T(a), T(b), alpha));)
}

CRC_API crc_tensor crc_tensor_mul(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::mul(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_div(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::div(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_matmul(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, return crc::wrap(at::matmul(T(a), T(b)));)
}

CRC_API crc_tensor crc_tensor_sum(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::sum(T(t)));) }

CRC_API crc_tensor crc_tensor_mean(crc_tensor t) { CRC_TRY(nullptr, return crc::wrap(at::mean(T(t)));) }

CRC_API crc_tensor crc_tensor_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy) {
    CRC_TRY(nullptr, return crc::wrap(T(t).to(crc::device_of(device_type, device_index), crc::dtype_of(dtype),
                                              /*non_blocking=*/false, copy != 0));)
}

CRC_API crc_tensor crc_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype,
                                    int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::wrap(at::randn(crc::dims(shape, ndim),
                                                options(dtype, device_type, device_index, requires_grad)));)
}

CRC_API crc_tensor crc_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype,
                                   int32_t device_type, int32_t device_index, int32_t requires_grad) {
    CRC_TRY(nullptr, return crc::wrap(at::rand(crc::dims(shape, ndim),
                                               options(dtype, device_type, device_index, requires_grad)));)
}
