// SGD, Adagrad, Adadelta, ASGD, RMSprop, Rprop: torch/optim/{sgd,adagrad,adadelta,asgd,rmsprop,rprop}.py
// (_single_tensor_*) of PyTorch 1.13.
#include <algorithm>
#include <cmath>

#include "crc_optim.h"
#include "optim_internal.h"

using crc::T;
using crc::optim::dense_grad;

CRC_API int32_t crc_optim_sgd_step(const crc_tensor* params, const crc_tensor* momentum_buffers,
                                   const int32_t* fresh, int32_t n, double lr, double momentum,
                                   double dampening, double weight_decay, int32_t nesterov, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto d_p = param.grad();
            TORCH_CHECK(d_p.defined(), "SGD: a parameter without a gradient reached the step");
            if (maximize != 0) d_p = d_p.neg();
            if (weight_decay != 0) d_p = d_p.add(param, weight_decay);
            if (momentum != 0) {
                auto& buf = T(momentum_buffers[i]);
                if (fresh[i] != 0) {
                    buf.copy_(d_p);
                } else {
                    buf.mul_(momentum).add_(d_p, 1 - dampening);
                }
                if (nesterov != 0) {
                    d_p = d_p.add(buf, momentum);
                } else {
                    d_p = buf;
                }
            }
            param.add_(d_p, -lr);
        }
    })
}

CRC_API int32_t crc_optim_adagrad_step(const crc_tensor* params, const crc_tensor* sums, const double* steps,
                                       int32_t n, double lr, double weight_decay, double lr_decay, double eps,
                                       int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = param.grad();
            TORCH_CHECK(grad.defined(), "Adagrad: a parameter without a gradient reached the step");
            auto& state_sum = T(sums[i]);
            const double step = steps[i];
            if (maximize != 0) grad = grad.neg();
            if (weight_decay != 0) {
                TORCH_CHECK(!grad.is_sparse(), "weight_decay option is not compatible with sparse gradients");
                grad = grad.add(param, weight_decay);
            }
            const double clr = lr / (1 + (step - 1) * lr_decay);
            if (grad.is_sparse()) {
                grad = grad.coalesce();
                auto grad_indices = grad._indices();
                auto grad_values = grad._values();
                auto make_sparse = [&](const at::Tensor& values) {
                    if (grad_indices.dim() == 0 || values.dim() == 0) {
                        return at::empty({0}, grad.options()).resize_as_(grad);
                    }
                    return at::sparse_coo_tensor(grad_indices, values, grad.sizes(), grad.options());
                };
                state_sum.add_(make_sparse(grad_values.pow(2)));
                auto std = state_sum.sparse_mask(grad);
                auto std_values = std._values().sqrt_().add_(eps);
                param.add_(make_sparse(grad_values / std_values), -clr);
            } else {
                state_sum.addcmul_(grad, grad, 1);
                auto std = state_sum.sqrt().add_(eps);
                param.addcdiv_(grad, std, -clr);
            }
        }
    })
}

CRC_API int32_t crc_optim_adadelta_step(const crc_tensor* params, const crc_tensor* square_avgs,
                                        const crc_tensor* acc_deltas, int32_t n, double lr, double rho,
                                        double eps, double weight_decay, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, maximize != 0, "Adadelta");
            auto& square_avg = T(square_avgs[i]);
            auto& acc_delta = T(acc_deltas[i]);
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            square_avg.mul_(rho).addcmul_(grad, grad, 1 - rho);
            auto std = square_avg.add(eps).sqrt_();
            auto delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad);
            acc_delta.mul_(rho).addcmul_(delta, delta, 1 - rho);
            param.add_(delta, -lr);
        }
    })
}

CRC_API int32_t crc_optim_asgd_step(const crc_tensor* params, const crc_tensor* axs, const crc_tensor* etas,
                                    const crc_tensor* mus, const double* steps, int32_t n, double lr,
                                    double lambd, double alpha, double t0, double weight_decay, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, maximize != 0, "ASGD");
            auto& ax = T(axs[i]);
            auto& eta = T(etas[i]);
            auto& mu = T(mus[i]);
            const double step = steps[i];
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            param.mul_(1 - lambd * eta.item<double>());
            param.add_(grad, -eta.item<double>());
            if (mu.item<double>() != 1) {
                ax.add_(param.sub(ax).mul(mu));
            } else {
                ax.copy_(param);
            }
            // eta and mu are float32 scalars in PyTorch (torch.tensor(python float)); fill_ rounds alike.
            eta.fill_(lr / std::pow(1 + lambd * lr * step, alpha));
            mu.fill_(1 / std::max(1.0, step - t0));
        }
    })
}

CRC_API int32_t crc_optim_rmsprop_step(const crc_tensor* params, const crc_tensor* square_avgs,
                                       const crc_tensor* grad_avgs, const crc_tensor* momentum_buffers,
                                       int32_t n, double lr, double alpha, double eps, double weight_decay,
                                       double momentum, int32_t centered, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, maximize != 0, "RMSprop");
            auto& square_avg = T(square_avgs[i]);
            if (weight_decay != 0) grad = grad.add(param, weight_decay);
            square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
            at::Tensor avg;
            if (centered != 0) {
                auto& grad_avg = T(grad_avgs[i]);
                grad_avg.mul_(alpha).add_(grad, 1 - alpha);
                avg = square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_();
            } else {
                avg = square_avg.sqrt();
            }
            avg = avg.add_(eps);
            if (momentum > 0) {
                auto& buf = T(momentum_buffers[i]);
                buf.mul_(momentum).addcdiv_(grad, avg);
                param.add_(buf, -lr);
            } else {
                param.addcdiv_(grad, avg, -lr);
            }
        }
    })
}

CRC_API int32_t crc_optim_rprop_step(const crc_tensor* params, const crc_tensor* prevs,
                                     const crc_tensor* step_sizes, int32_t n, double etaminus, double etaplus,
                                     double step_size_min, double step_size_max, int32_t maximize) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        for (int32_t i = 0; i < n; ++i) {
            auto& param = T(params[i]);
            auto grad = dense_grad(param, maximize != 0, "Rprop");
            auto& prev = T(prevs[i]);
            auto& step_size = T(step_sizes[i]);
            auto sign = grad.mul(prev).sign();
            // Same sequence of masked assignments as PyTorch (sign[sign.gt(0)] = etaplus, ...).
            sign.masked_fill_(sign.gt(0), etaplus);
            sign.masked_fill_(sign.lt(0), etaminus);
            sign.masked_fill_(sign.eq(0), 1);
            step_size.mul_(sign).clamp_(step_size_min, step_size_max);
            grad = grad.clone(at::MemoryFormat::Preserve);
            grad.masked_fill_(sign.eq(etaminus), 0);
            param.addcmul_(grad.sign(), step_size, -1);
            prev.copy_(grad);
        }
    })
}
