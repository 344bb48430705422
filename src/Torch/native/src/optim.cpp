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

CRC_API int32_t crc_optim_grads(const crc_tensor* params, int32_t n, crc_tensor* grads, int32_t* kinds,
                                int32_t* dtypes) {
    CRC_TRY(-1, {
        int32_t count = 0;
        for (int32_t i = 0; i < n; ++i) {
            const auto& param = T(params[i]);
            dtypes[i] = static_cast<int32_t>(param.scalar_type());
            // grad() is a reference to the gradient the parameter holds, not a copy.
            const auto& grad = param.grad();
            if (!grad.defined()) {
                grads[i] = nullptr;
                kinds[i] = 0;
                continue;
            }
            grads[i] = const_cast<at::Tensor*>(&grad);
            kinds[i] = grad.is_sparse() ? 2 : 1;
            ++count;
        }
        return count;
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
