// Area nn: recurrent layers, initialization and in-place helpers for Module.
#include "crc_nn.h"

#include <vector>

using crc::T;

namespace {

at::Tensor or_undefined(crc_tensor h) { return (h == nullptr) ? at::Tensor() : T(h); }

// The body of crc_nn_rnn, outside the macro because it declares several names per statement.
void rnn(int32_t mode, crc_tensor input, crc_tensor h0, crc_tensor c0, const crc_tensor* params, int32_t nparams,
         int32_t has_biases, int64_t num_layers, double dropout, int32_t training, int32_t bidirectional,
         int32_t batch_first, crc_tensor* out_output, crc_tensor* out_h, crc_tensor* out_c) {
    *out_output = *out_h = *out_c = nullptr;
    TORCH_CHECK(mode >= 0 && mode <= 3, "rnn: unknown mode ", mode);
    std::vector<at::Tensor> weights;
    weights.reserve(static_cast<size_t>(nparams));
    for (int32_t i = 0; i < nparams; ++i) weights.push_back(T(params[i]));

    // PyTorch's nn.RNNBase.forward: unbatched input gains a batch dimension of 1.
    at::Tensor x = T(input);
    TORCH_CHECK(x.dim() == 2 || x.dim() == 3, "rnn: expected 2-D (unbatched) or 3-D input, got ", x.dim(), "-D");
    const bool unbatched = x.dim() == 2;
    const int64_t batch_dim = batch_first != 0 ? 0 : 1;
    if (unbatched) x = x.unsqueeze(batch_dim);
    const int64_t directions = bidirectional != 0 ? 2 : 1;
    const int64_t batch = x.size(batch_dim);
    const int64_t hidden = weights.at(1).size(1);

    auto state = [&](crc_tensor h) {
        at::Tensor s = or_undefined(h);
        if (!s.defined()) return at::zeros({num_layers * directions, batch, hidden}, x.options());
        if (unbatched) {
            TORCH_CHECK(s.dim() == 2, "rnn: for unbatched input the initial state must be 2-D, got ", s.dim(), "-D");
            return s.unsqueeze(1);
        }
        TORCH_CHECK(s.dim() == 3, "rnn: for batched input the initial state must be 3-D, got ", s.dim(), "-D");
        return s;
    };
    at::Tensor hx = state(h0);
    const bool hb = has_biases != 0, tr = training != 0, bi = bidirectional != 0, bf = batch_first != 0;

    at::Tensor output, hy, cy;
    switch (mode) {
        case 0: std::tie(output, hy) = at::rnn_tanh(x, hx, weights, hb, num_layers, dropout, tr, bi, bf); break;
        case 1: std::tie(output, hy) = at::rnn_relu(x, hx, weights, hb, num_layers, dropout, tr, bi, bf); break;
        case 2: {
            at::Tensor cx = state(c0);
            std::tie(output, hy, cy) = at::lstm(x, {hx, cx}, weights, hb, num_layers, dropout, tr, bi, bf);
            break;
        }
        default: std::tie(output, hy) = at::gru(x, hx, weights, hb, num_layers, dropout, tr, bi, bf); break;
    }
    if (unbatched) {
        output = output.squeeze(batch_dim);
        hy = hy.squeeze(1);
        if (cy.defined()) cy = cy.squeeze(1);
    }
    *out_output = crc::wrap(std::move(output));
    *out_h = crc::wrap(std::move(hy));
    if (mode == 2) *out_c = crc::wrap(std::move(cy));
}

}  // namespace

CRC_API int32_t crc_nn_rnn(int32_t mode, crc_tensor input, crc_tensor h0, crc_tensor c0, const crc_tensor* params,
                           int32_t nparams, int32_t has_biases, int64_t num_layers, double dropout,
                           int32_t training, int32_t bidirectional, int32_t batch_first, crc_tensor* out_output,
                           crc_tensor* out_h, crc_tensor* out_c) {
    CRC_STATUS(rnn(mode, input, h0, c0, params, nparams, has_biases, num_layers, dropout, training, bidirectional,
                   batch_first, out_output, out_h, out_c);)
}

CRC_API int32_t crc_nn_init_uniform_(crc_tensor t, double low, double high) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(t).uniform_(low, high);
    })
}

CRC_API int32_t crc_nn_init_normal_(crc_tensor t, double mean, double std) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(t).normal_(mean, std);
    })
}

CRC_API int32_t crc_nn_init_constant_(crc_tensor t, double value) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(t).fill_(value);
    })
}

CRC_API int32_t crc_nn_init_fill_row_(crc_tensor t, int64_t index, double value) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(t).select(0, index).fill_(value);
    })
}

CRC_API int32_t crc_nn_copy_(crc_tensor dst, crc_tensor src) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        T(dst).copy_(T(src));
    })
}

CRC_API int32_t crc_nn_set_data_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        auto& tensor = T(t);
        const auto device = crc::device_of(device_type, device_index);
        const auto type = crc::dtype_of(dtype);
        tensor.set_data(tensor.to(device, type));
        if (tensor.grad().defined()) tensor.mutable_grad() = tensor.grad().to(device, type);
    })
}

CRC_API int32_t crc_nn_add_scalar_(crc_tensor t, double value) {
    CRC_STATUS({
        at::NoGradGuard no_grad;
        auto& tensor = T(t);
        // An integer tensor (num_batches_tracked) rejects a floating-point scalar.
        if (at::isIntegralType(tensor.scalar_type(), /*includeBool=*/false)) {
            tensor.add_(static_cast<int64_t>(value));
        } else {
            tensor.add_(value);
        }
    })
}
