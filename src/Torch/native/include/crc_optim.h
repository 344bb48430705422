// Area: optim — one fused step per optimizer, following torch/optim/*.py of PyTorch 1.13 (the
// single-tensor, foreach=False path) operation by operation, so results match PyTorch's.
//
// Every step takes `n` parameters (only those that have a gradient) and, per state slot, an array
// of `n` state tensors owned by the caller; it updates parameters and state in place under
// no-grad. Per-parameter step counts arrive as `steps`, already incremented for this step.
// Optional state arrays (e.g. max_exp_avg_sq without amsgrad) may be null.
#pragma once
#include "crc_common.h"

// State allocation helpers (zeros_like / full_like keep the parameter's dtype and device).
CRC_API crc_tensor crc_optim_zeros_like(crc_tensor p);
CRC_API crc_tensor crc_optim_full_like(crc_tensor p, double value);
// A 0-dim float32 CPU tensor: PyTorch keeps scalar state (ASGD's eta and mu, NAdam's mu_product) so.
CRC_API crc_tensor crc_optim_scalar_float(double value);
// Reads a one-element tensor as a double.
CRC_API int32_t crc_optim_item(crc_tensor t, double* out);
// A copy that shares nothing with `t` and records no autograd history.
CRC_API crc_tensor crc_optim_clone(crc_tensor t);
// 1 when the parameter has a gradient, 0 when not; 2 when the gradient is sparse.
CRC_API int32_t crc_optim_grad_kind(crc_tensor p);
// Zeroes a parameter's gradient in place (zero_grad(set_to_none=False)); nothing when it has none.
CRC_API int32_t crc_optim_zero_grad(crc_tensor p);

// fresh[i] != 0: the momentum buffer is new and takes the gradient as is (PyTorch's clone).
CRC_API int32_t crc_optim_sgd_step(const crc_tensor* params, const crc_tensor* momentum_buffers,
                                   const int32_t* fresh, int32_t n, double lr, double momentum,
                                   double dampening, double weight_decay, int32_t nesterov, int32_t maximize);
CRC_API int32_t crc_optim_adam_step(const crc_tensor* params, const crc_tensor* exp_avg,
                                    const crc_tensor* exp_avg_sq, const crc_tensor* max_exp_avg_sq,
                                    const double* steps, int32_t n, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, int32_t amsgrad, int32_t maximize);
CRC_API int32_t crc_optim_adamw_step(const crc_tensor* params, const crc_tensor* exp_avg,
                                     const crc_tensor* exp_avg_sq, const crc_tensor* max_exp_avg_sq,
                                     const double* steps, int32_t n, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, int32_t amsgrad, int32_t maximize);
CRC_API int32_t crc_optim_adagrad_step(const crc_tensor* params, const crc_tensor* sums, const double* steps,
                                       int32_t n, double lr, double weight_decay, double lr_decay, double eps,
                                       int32_t maximize);
CRC_API int32_t crc_optim_adadelta_step(const crc_tensor* params, const crc_tensor* square_avgs,
                                        const crc_tensor* acc_deltas, int32_t n, double lr, double rho,
                                        double eps, double weight_decay, int32_t maximize);
CRC_API int32_t crc_optim_adamax_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                      const crc_tensor* exp_infs, const double* steps, int32_t n, double lr,
                                      double beta1, double beta2, double eps, double weight_decay,
                                      int32_t maximize);
// axs, etas, mus: per-parameter state; etas and mus are 0-dim float32 tensors.
CRC_API int32_t crc_optim_asgd_step(const crc_tensor* params, const crc_tensor* axs, const crc_tensor* etas,
                                    const crc_tensor* mus, const double* steps, int32_t n, double lr,
                                    double lambd, double alpha, double t0, double weight_decay, int32_t maximize);
CRC_API int32_t crc_optim_rmsprop_step(const crc_tensor* params, const crc_tensor* square_avgs,
                                       const crc_tensor* grad_avgs, const crc_tensor* momentum_buffers,
                                       int32_t n, double lr, double alpha, double eps, double weight_decay,
                                       double momentum, int32_t centered, int32_t maximize);
CRC_API int32_t crc_optim_rprop_step(const crc_tensor* params, const crc_tensor* prevs,
                                     const crc_tensor* step_sizes, int32_t n, double etaminus, double etaplus,
                                     double step_size_min, double step_size_max, int32_t maximize);
// mu_products: 0-dim float32 tensors.
CRC_API int32_t crc_optim_nadam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                     const crc_tensor* exp_avg_sqs, const crc_tensor* mu_products,
                                     const double* steps, int32_t n, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, double momentum_decay);
CRC_API int32_t crc_optim_radam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                     const crc_tensor* exp_avg_sqs, const double* steps, int32_t n, double lr,
                                     double beta1, double beta2, double eps, double weight_decay);
CRC_API int32_t crc_optim_sparse_adam_step(const crc_tensor* params, const crc_tensor* exp_avgs,
                                           const crc_tensor* exp_avg_sqs, const double* steps, int32_t n,
                                           double lr, double beta1, double beta2, double eps, int32_t maximize);

// L-BFGS building blocks (torch/optim/lbfgs.py): the flat gradient of all parameters (zeros where
// a parameter has none) and params += step_size * update (update is flat, in parameter order).
CRC_API crc_tensor crc_optim_lbfgs_flat_grad(const crc_tensor* params, int32_t n);
CRC_API int32_t crc_optim_lbfgs_add_grad(const crc_tensor* params, int32_t n, double step_size, crc_tensor update);
CRC_API int32_t crc_optim_lbfgs_copy_params(const crc_tensor* params, const crc_tensor* sources, int32_t n);
// The vector arithmetic of L-BFGS on flat 1-d tensors, each one ATen call under no-grad. Scalar
// results are read back as doubles (a float32 result is exact in a double).
CRC_API int32_t crc_optim_vec_dot(crc_tensor a, crc_tensor b, double* out);
CRC_API int32_t crc_optim_vec_abs_max(crc_tensor a, double* out);
CRC_API int32_t crc_optim_vec_abs_sum(crc_tensor a, double* out);
CRC_API crc_tensor crc_optim_vec_neg(crc_tensor a);
CRC_API crc_tensor crc_optim_vec_sub(crc_tensor a, crc_tensor b);
CRC_API crc_tensor crc_optim_vec_mul_scalar(crc_tensor a, double value);
// a += alpha * b, in place.
CRC_API int32_t crc_optim_vec_add_(crc_tensor a, crc_tensor b, double alpha);
CRC_API int32_t crc_optim_vec_copy_(crc_tensor dst, crc_tensor src);

// A sparse COO tensor (torch.sparse_coo_tensor(indices, values, size)): the shape of gradients
// that Embedding(sparse=True) produces.
CRC_API crc_tensor crc_optim_sparse_coo(crc_tensor indices, crc_tensor values, const int64_t* size, int32_t ndim);
