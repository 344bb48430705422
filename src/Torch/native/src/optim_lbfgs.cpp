// The tensor side of L-BFGS (torch/optim/lbfgs.py, PyTorch 1.13); the algorithm itself runs in C#
// because it calls back into the managed closure.
#include "crc_optim.h"

using crc::T;

CRC_API crc_tensor crc_optim_lbfgs_flat_grad(const crc_tensor* params, int32_t n) {
    CRC_TRY(nullptr, {
        at::NoGradGuard no_grad;
        std::vector<at::Tensor> views;
        views.reserve(n);
        for (int32_t i = 0; i < n; ++i) {
            const auto& p = T(params[i]);
            const auto& grad = p.grad();
            if (!grad.defined()) {
                views.push_back(at::zeros({p.numel()}, p.options()));
            } else if (grad.is_sparse()) {
                views.push_back(grad.to_dense().view(-1));
            } else {
                views.push_back(grad.view(-1));
            }
        }
        return crc::wrap(at::cat(views, 0));
    })
}

CRC_API int32_t crc_optim_lbfgs_add_grad(const crc_tensor* params, int32_t n, double step_size, crc_tensor update) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        const auto& flat = T(update);
        int64_t offset = 0;
        for (int32_t i = 0; i < n; ++i) {
            auto& p = T(params[i]);
            const int64_t numel = p.numel();
            p.add_(flat.slice(0, offset, offset + numel).view_as(p), step_size);
            offset += numel;
        }
        TORCH_CHECK(offset == flat.numel(), "L-BFGS: the update has ", flat.numel(), " elements but the parameters ",
                    offset);
    })
}

CRC_API int32_t crc_optim_lbfgs_copy_params(const crc_tensor* params, const crc_tensor* sources, int32_t n) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) T(params[i]).copy_(T(sources[i]));
    })
}

CRC_API int32_t crc_optim_vec_dot(crc_tensor a, crc_tensor b, double* out) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        *out = T(a).dot(T(b)).item<double>();
    })
}

CRC_API int32_t crc_optim_vec_abs_max(crc_tensor a, double* out) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        *out = T(a).abs().max().item<double>();
    })
}

CRC_API int32_t crc_optim_vec_abs_sum(crc_tensor a, double* out) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        *out = T(a).abs().sum().item<double>();
    })
}

CRC_API crc_tensor crc_optim_vec_neg(crc_tensor a) {
    CRC_TRY(nullptr, {
        at::NoGradGuard no_grad;
        return crc::wrap(T(a).neg());
    })
}

CRC_API crc_tensor crc_optim_vec_sub(crc_tensor a, crc_tensor b) {
    CRC_TRY(nullptr, {
        at::NoGradGuard no_grad;
        return crc::wrap(T(a).sub(T(b)));
    })
}

CRC_API crc_tensor crc_optim_vec_mul_scalar(crc_tensor a, double value) {
    CRC_TRY(nullptr, {
        at::NoGradGuard no_grad;
        return crc::wrap(T(a).mul(value));
    })
}

CRC_API int32_t crc_optim_vec_add_(crc_tensor a, crc_tensor b, double alpha) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(a).add_(T(b), alpha);
    })
}

CRC_API int32_t crc_optim_vec_copy_(crc_tensor dst, crc_tensor src) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(dst).copy_(T(src));
    })
}

CRC_API crc_tensor crc_optim_sparse_coo(crc_tensor indices, crc_tensor values, const int64_t* size, int32_t ndim) {
    CRC_TRY(nullptr, return crc::wrap(at::sparse_coo_tensor(T(indices), T(values), crc::dims(size, ndim)));)
}
