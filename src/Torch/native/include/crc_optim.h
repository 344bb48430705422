// Area: optim — the little an optimizer needs from libtorch beyond tensor ops. The update rules
// themselves are C# over tensor ops (src/Torch/Optim, one file per optimizer) and the _foreach_*
// exports (crc_foreach.h), as TorchSharp and Keras write them.
#pragma once
#include "crc_common.h"

// 1 when the parameter has a gradient, 0 when not; 2 when the gradient is sparse. Asked for every
// parameter on every step, without creating a handle for the gradient.
CRC_API int32_t crc_optim_grad_kind(crc_tensor p);
// The gradients of n parameters in one call (`[p.grad for p in params]`), without creating handles:
// grads[i] is the parameter's own gradient (borrowed: valid while the parameter keeps that gradient,
// which is one optimizer step; never freed by the caller), or null when it has none; kinds[i] is 0
// (none), 1 (dense) or 2 (sparse); dtypes[i] is the parameter's scalar type. Returns how many have a
// gradient, or -1 on error.
CRC_API int32_t crc_optim_grads(const crc_tensor* params, int32_t n, crc_tensor* grads, int32_t* kinds,
                                int32_t* dtypes);
// Zeroes a parameter's gradient in place as torch.optim.Optimizer.zero_grad(set_to_none=False) does
// (detached from any graph first); nothing when it has none.
CRC_API int32_t crc_optim_zero_grad(crc_tensor p);
