// What an optimizer needs from libtorch beyond tensor ops (see crc_optim.h).
#include "crc_optim.h"

using crc::T;

CRC_API int32_t crc_optim_grad_kind(crc_tensor p) {
    CRC_TRY(-1, {
        const auto& grad = T(p).grad();
        if (!grad.defined()) return 0;
        return grad.is_sparse() ? 2 : 1;
    })
}

CRC_API int32_t crc_optim_zero_grad(crc_tensor p) {
    CRC_STATUS({
        auto& grad = T(p).mutable_grad();
        if (grad.defined()) {
            // Same as torch.optim.Optimizer.zero_grad(set_to_none=False).
            if (grad.grad_fn()) {
                grad.detach_();
            } else {
                grad.requires_grad_(false);
            }
            grad.zero_();
        }
    })
}
