// Area: optim — the little an optimizer needs from libtorch beyond tensor ops. The update rules
// themselves are C# over tensor ops (src/Torch/Optim, one file per optimizer) and the _foreach_*
// exports (crc_foreach.h), as TorchSharp and Keras write them.
#pragma once
#include "crc_common.h"

// 1 when the parameter has a gradient, 0 when not; 2 when the gradient is sparse. Asked for every
// parameter on every step, without creating a handle for the gradient.
CRC_API int32_t crc_optim_grad_kind(crc_tensor p);
// Zeroes a parameter's gradient in place as torch.optim.Optimizer.zero_grad(set_to_none=False) does
// (detached from any graph first); nothing when it has none.
CRC_API int32_t crc_optim_zero_grad(crc_tensor p);
