#include "crc_autograd.h"

#include <torch/csrc/autograd/function.h>

#include <cstdlib>
#include <cstring>

using crc::T;

CRC_API int32_t crc_tensor_requires_grad(crc_tensor t) {
    CRC_TRY(-1, return T(t).requires_grad() ? 1 : 0;)
}

CRC_API int32_t crc_tensor_set_requires_grad(crc_tensor t, int32_t requires_grad) {
    CRC_STATUS(T(t).requires_grad_(requires_grad != 0);)
}

CRC_API int32_t crc_tensor_backward(crc_tensor t, crc_tensor grad_output, int32_t retain_graph,
                                    int32_t create_graph) {
    CRC_STATUS({
        at::Tensor gradient = grad_output != nullptr ? T(grad_output) : at::Tensor();
        T(t).backward(gradient, retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt,
                      create_graph != 0);
    })
}

CRC_API crc_tensor crc_tensor_grad(crc_tensor t) {
    CRC_TRY(nullptr, {
        const auto& g = T(t).grad();
        return g.defined() ? crc::wrap(g) : nullptr;
    })
}

CRC_API int32_t crc_tensor_set_grad(crc_tensor t, crc_tensor grad) {
    CRC_STATUS(T(t).mutable_grad() = grad != nullptr ? T(grad) : at::Tensor();)
}

CRC_API crc_tensor crc_tensor_detach(crc_tensor t) {
    CRC_TRY(nullptr, return crc::wrap(T(t).detach());)
}

CRC_API int32_t crc_grad_is_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

CRC_API int32_t crc_grad_set_enabled(int32_t enabled) {
    CRC_STATUS(at::GradMode::set_enabled(enabled != 0);)
}

CRC_API int32_t crc_tensor_is_leaf(crc_tensor t) { CRC_TRY(-1, return T(t).is_leaf() ? 1 : 0;) }

CRC_API int32_t crc_tensor_retain_grad(crc_tensor t) { CRC_STATUS(T(t).retain_grad();) }

CRC_API char* crc_tensor_grad_fn_name(crc_tensor t) {
    CRC_TRY(nullptr, {
        const auto& fn = T(t).grad_fn();
        if (!fn) return nullptr;
        auto name = fn->name();
        // Nodes are named with their C++ namespace ("torch::autograd::AccumulateGrad"); PyTorch prints the last part.
        auto colon = name.rfind("::");
        if (colon != std::string::npos) name = name.substr(colon + 2);
        char* copy = static_cast<char*>(std::malloc(name.size() + 1));
        if (copy != nullptr) std::memcpy(copy, name.c_str(), name.size() + 1);
        return copy;
    })
}
