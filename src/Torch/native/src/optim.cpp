// Shared helpers of the optim area and the state allocation exports.
#include "crc_optim.h"
#include "optim_internal.h"

using crc::T;

namespace crc::optim {

at::Tensor dense_grad(const at::Tensor& param, bool maximize, const char* optimizer) {
    const auto& grad = param.grad();
    TORCH_CHECK(grad.defined(), optimizer, ": a parameter without a gradient reached the step");
    TORCH_CHECK(!grad.is_sparse(), optimizer, " does not support sparse gradients",
                std::string(optimizer) == "Adam" ? ", please consider SparseAdam instead" : "");
    return maximize ? grad.neg() : grad;
}

}  // namespace crc::optim

CRC_API crc_tensor crc_optim_zeros_like(crc_tensor p) {
    CRC_TRY(nullptr, return crc::wrap(at::zeros_like(T(p), at::MemoryFormat::Preserve));)
}

CRC_API crc_tensor crc_optim_full_like(crc_tensor p, double value) {
    CRC_TRY(nullptr, return crc::wrap(at::full_like(T(p), value, at::MemoryFormat::Preserve));)
}

CRC_API crc_tensor crc_optim_scalar_float(double value) {
    CRC_TRY(nullptr, return crc::wrap(at::scalar_tensor(value, at::TensorOptions().dtype(at::kFloat)));)
}

CRC_API int32_t crc_optim_item(crc_tensor t, double* out) {
    CRC_STATUS(*out = T(t).item<double>();)
}

CRC_API crc_tensor crc_optim_clone(crc_tensor t) {
    CRC_TRY(nullptr, {
        at::NoGradGuard no_grad;
        return crc::wrap(T(t).detach().clone(at::MemoryFormat::Preserve));
    })
}

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
