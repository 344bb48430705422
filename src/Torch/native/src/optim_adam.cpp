// Adam, AdamW, Adamax, NAdam, RAdam, SparseAdam: torch/optim/{adam,adamw,adamax,nadam,radam}.py
// (_single_tensor_*) and torch/optim/_functional.py (sparse_adam) of PyTorch 1.13.
#include <cmath>

#include "crc_optim.h"
#include "optim_internal.h"

using crc::T;
using crc::optim::dense_grad;

namespace {

void adam_like(const crc_tensor* params, const crc_tensor* exp_avgs, const crc_tensor* exp_avg_sqs,
               const crc_tensor* max_exp_avg_sqs, const double* steps, int32_t n, double lr, double beta1,
               double beta2, double eps, double weight_decay, bool amsgrad, bool maximize, bool decoupled) {
    at::NoGradGuard no_grad;
    for (int32_t i = 0; i < n; ++i) {
        auto& param = T(params[i]);
        auto grad = dense_grad(param, maximize, decoupled ? "AdamW" : "Adam");
        auto& exp_avg = T(exp_avgs[i]);
        auto& exp_avg_sq = T(exp_avg_sqs[i]);
        const double step = steps[i];

        if (decoupled) {
            param.mul_(1 - lr * weight_decay);
        } else if (weight_decay != 0) {
            grad = grad.add(param, weight_decay);
        }

        exp_avg.mul_(beta1).add_(grad, 1 - beta1);
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

        const double bias_correction1 = 1 - std::pow(beta1, step);
        const double bias_correction2 = 1 - std::pow(beta2, step);
        const double step_size = lr / bias_correction1;
        const double bias_correction2_sqrt = std::sqrt(bias_correction2);

        at::Tensor denom;
        if (amsgrad) {
            auto& max_exp_avg_sq = T(max_exp_avg_sqs[i]);
            at::maximum_out(max_exp_avg_sq, max_exp_avg_sq, exp_avg_sq);
            denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        } else {
            denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        }

        param.addcdiv_(exp_avg, denom, -step_size);
    }
}

}  // namespace

CRC_API int32_t crc_optim_adam_step(const crc_tensor* params, const crc_tensor* exp_avg,
                                    const crc_tensor* exp_avg_sq, const crc_tensor* max_exp_avg_sq,
                                    const double* steps, int32_t n, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, int32_t amsgrad, int32_t maximize) {
    CRC_STATUS(adam_like(params, exp_avg, exp_avg_sq, max_exp_avg_sq, steps, n, lr, beta1, beta2, eps,
                         weight_decay, amsgrad != 0, maximize != 0, false);)
}

CRC_API int32_t crc_optim_adamw_step(const crc_tensor* params, const crc_tensor* exp_avg,
                                     const crc_tensor* exp_avg_sq, const crc_tensor* max_exp_avg_sq,
                                     const double* steps, int32_t n, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, int32_t amsgrad, int32_t maximize) {
    CRC_STATUS(adam_like(params, exp_avg, exp_avg_sq, max_exp_avg_sq, steps, n, lr, beta1, beta2, eps,
                         weight_decay, amsgrad != 0, maximize != 0, true);)
}

CRC_API int32_t crc_optim_adamax_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                      const crc_tensor* exp_infs, const double* steps, int32_t n, double lr,
                                      double beta1, double beta2, double eps, double weight_decay,
                                      int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, maximize != 0, "Adamax");
            auto& exp_avg = T(exp_avgs[i]);
            auto& exp_inf = T(exp_infs[i]);
            const double step = steps[i];
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            exp_avg.mul_(beta1).add_(grad, 1 - beta1);
            auto norm_buf = at::cat({exp_inf.mul_(beta2).unsqueeze(0), grad.abs().add_(eps).unsqueeze_(0)}, 0);
            at::amax_out(exp_inf, norm_buf, {0}, false);
            const double bias_correction = 1 - std::pow(beta1, step);
            const double clr = lr / bias_correction;
            param.addcdiv_(exp_avg, exp_inf, -clr);
        }
    })
}

CRC_API int32_t crc_optim_nadam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                     const crc_tensor* exp_avg_sqs, const crc_tensor* mu_products,
                                     const double* steps, int32_t n, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, double momentum_decay) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, false, "NAdam");
            auto& exp_avg = T(exp_avgs[i]);
            auto& exp_avg_sq = T(exp_avg_sqs[i]);
            auto& mu_product = T(mu_products[i]);
            const double step = steps[i];
            const double bias_correction2 = 1 - std::pow(beta2, step);
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            const double mu = beta1 * (1. - 0.5 * std::pow(0.96, step * momentum_decay));
            const double mu_next = beta1 * (1. - 0.5 * std::pow(0.96, (step + 1) * momentum_decay));
            // mu_product is a float32 tensor in PyTorch; keep its rounding.
            mu_product.mul_(mu);
            auto mu_product_next = mu_product * mu * mu_next;
            exp_avg.mul_(beta1).add_(grad, 1 - beta1);
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            auto denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps);
            param.addcdiv_(grad, denom, -lr * (1. - mu) / (1. - mu_product.item<double>()));
            param.addcdiv_(exp_avg, denom, -lr * mu_next / (1. - mu_product_next.item<double>()));
        }
    })
}

CRC_API int32_t crc_optim_radam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                     const crc_tensor* exp_avg_sqs, const double* steps, int32_t n, double lr,
                                     double beta1, double beta2, double eps, double weight_decay) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, false, "RAdam");
            auto& exp_avg = T(exp_avgs[i]);
            auto& exp_avg_sq = T(exp_avg_sqs[i]);
            const double step = steps[i];
            const double bias_correction1 = 1 - std::pow(beta1, step);
            const double bias_correction2 = 1 - std::pow(beta2, step);
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            exp_avg.mul_(beta1).add_(grad, 1 - beta1);
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            auto bias_corrected_exp_avg = exp_avg / bias_correction1;
            const double rho_inf = 2 / (1 - beta2) - 1;
            const double rho_t = rho_inf - 2 * step * std::pow(beta2, step) / bias_correction2;
            if (rho_t > 5.) {
                const double rect = std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                                              ((rho_inf - 4) * (rho_inf - 2) * rho_t));
                // Python's `float / tensor` is tensor.reciprocal() * float.
                auto adaptive_lr = exp_avg_sq.sqrt().add_(eps).reciprocal() * std::sqrt(bias_correction2);
                param.add_(bias_corrected_exp_avg * lr * adaptive_lr * rect, -1.0);
            } else {
                param.add_(bias_corrected_exp_avg * lr, -1.0);
            }
        }
    })
}

CRC_API int32_t crc_optim_sparse_adam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                           const crc_tensor* exp_avg_sqs, const double* steps, int32_t n,
                                           double lr, double beta1, double beta2, double eps, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = param.grad();
            TORCH_CHECK(grad.defined(), "SparseAdam: a parameter without a gradient reached the step");
            TORCH_CHECK(grad.is_sparse(),
                        "SparseAdam does not support dense gradients, please consider Adam instead");
            if (maximize != 0) grad = grad.neg();
            grad = grad.coalesce();
            auto grad_indices = grad._indices();
            auto grad_values = grad._values();
            auto size = grad.sizes();
            auto& exp_avg = T(exp_avgs[i]);
            auto& exp_avg_sq = T(exp_avg_sqs[i]);
            const double step = steps[i];
            auto make_sparse = [&](const at::Tensor& values) {
                if (grad_indices.dim() == 0 || values.dim() == 0) {
                    return at::empty({0}, grad.options()).resize_as_(grad);
                }
                return at::sparse_coo_tensor(grad_indices, values, size, grad.options());
            };
            auto old_exp_avg_values = exp_avg.sparse_mask(grad)._values();
            auto exp_avg_update_values = grad_values.sub(old_exp_avg_values).mul_(1 - beta1);
            exp_avg.add_(make_sparse(exp_avg_update_values));
            auto old_exp_avg_sq_values = exp_avg_sq.sparse_mask(grad)._values();
            auto exp_avg_sq_update_values = grad_values.pow(2).sub_(old_exp_avg_sq_values).mul_(1 - beta2);
            exp_avg_sq.add_(make_sparse(exp_avg_sq_update_values));
            auto numer = exp_avg_update_values.add_(old_exp_avg_values);
            exp_avg_sq_update_values.add_(old_exp_avg_sq_values);
            auto denom = exp_avg_sq_update_values.sqrt_().add_(eps);
            const double bias_correction1 = 1 - std::pow(beta1, step);
            const double bias_correction2 = 1 - std::pow(beta2, step);
            const double step_size = lr * std::sqrt(bias_correction2) / bias_correction1;
            param.add_(make_sparse(numer.div_(denom).mul(-step_size)));
        }
    })
}
