// Area nn: layers, activations and the undefined-tensor sentinel.
#include "crc_nn.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <string>

using crc::T;

namespace {

c10::optional<at::Tensor> opt(crc_tensor h) {
    if (h == nullptr || !T(h).defined()) return c10::nullopt;
    return T(h);
}

bool cpu_autocast() {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    return at::autocast::is_autocast_enabled(c10::DeviceType::CPU);
#else
    return at::autocast::is_cpu_enabled();
#endif
}

// at::linear, except for one row without gradients on the CPU (a served request, a batch of one):
// there the product is a matrix-vector one (BLAS gemv) instead of addmm's gemm, which packs the whole
// weight matrix for that single row. With OpenBLAS 0.3.21 that packing is most of the time: a
// single-row forward of mnist-mlp (784-512-10) takes ~5x as long as with gemv. Newer OpenBLAS
// releases forward such gemm calls to gemv themselves. The values agree to float rounding.
at::Tensor linear_or_gemv(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias) {
    const bool gemv = input.dim() == 2 && input.size(0) == 1 && weight.dim() == 2 && !at::GradMode::is_enabled()
        && input.layout() == at::kStrided && weight.layout() == at::kStrided
        && input.device().is_cpu() && weight.device().is_cpu() && !cpu_autocast()
        && (input.scalar_type() == at::kFloat || input.scalar_type() == at::kDouble)
        && weight.scalar_type() == input.scalar_type() && (!bias || bias->scalar_type() == input.scalar_type());
    if (!gemv) return at::linear(input, weight, bias);
    auto row = input.select(0, 0);
    return (bias ? at::addmv(*bias, weight, row) : at::mv(weight, row)).unsqueeze(0);
}

}  // namespace

CRC_API crc_tensor crc_nn_undefined() { CRC_TRY(nullptr, return crc::wrap(at::Tensor());) }

CRC_API crc_tensor crc_nn_linear(crc_tensor input, crc_tensor weight, crc_tensor bias) {
    CRC_TRY(nullptr, return crc::wrap(linear_or_gemv(T(input), T(weight), opt(bias)));)
}

CRC_API crc_tensor crc_nn_bilinear(crc_tensor input1, crc_tensor input2, crc_tensor weight, crc_tensor bias) {
    CRC_TRY(nullptr, return crc::wrap(at::bilinear(T(input1), T(input2), T(weight), opt(bias)));)
}

CRC_API crc_tensor crc_nn_conv(int32_t dims, crc_tensor input, crc_tensor weight, crc_tensor bias,
                               const int64_t* stride, const int64_t* padding, const int64_t* dilation,
                               int32_t n, int64_t groups, int32_t padding_same) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(dims == 1 || dims == 2, "conv: dims must be 1 or 2, got ", dims);
        auto s = crc::dims(stride, n);
        auto d = crc::dims(dilation, n);
        if (padding_same != 0) {
            return crc::wrap(dims == 1 ? at::conv1d(T(input), T(weight), opt(bias), s, "same", d, groups)
                                       : at::conv2d(T(input), T(weight), opt(bias), s, "same", d, groups));
        }
        auto p = crc::dims(padding, n);
        return crc::wrap(dims == 1 ? at::conv1d(T(input), T(weight), opt(bias), s, p, d, groups)
                                   : at::conv2d(T(input), T(weight), opt(bias), s, p, d, groups));
    })
}

CRC_API crc_tensor crc_nn_conv_transpose2d(crc_tensor input, crc_tensor weight, crc_tensor bias,
                                           const int64_t* stride, const int64_t* padding,
                                           const int64_t* output_padding, const int64_t* dilation,
                                           int64_t groups) {
    CRC_TRY(nullptr, return crc::wrap(at::conv_transpose2d(T(input), T(weight), opt(bias), crc::dims(stride, 2),
                                                           crc::dims(padding, 2), crc::dims(output_padding, 2),
                                                           groups, crc::dims(dilation, 2)));)
}

CRC_API crc_tensor crc_nn_max_pool(int32_t dims, crc_tensor input, const int64_t* kernel, const int64_t* stride,
                                   const int64_t* padding, const int64_t* dilation, int32_t n, int32_t ceil_mode) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(dims == 1 || dims == 2, "max_pool: dims must be 1 or 2, got ", dims);
        auto k = crc::dims(kernel, n);
        auto s = crc::dims(stride, n);
        auto p = crc::dims(padding, n);
        auto d = crc::dims(dilation, n);
        return crc::wrap(dims == 1 ? at::max_pool1d(T(input), k, s, p, d, ceil_mode != 0)
                                   : at::max_pool2d(T(input), k, s, p, d, ceil_mode != 0));
    })
}

CRC_API crc_tensor crc_nn_avg_pool2d(crc_tensor input, const int64_t* kernel, const int64_t* stride,
                                     const int64_t* padding, int32_t ceil_mode, int32_t count_include_pad,
                                     int64_t divisor_override) {
    CRC_TRY(nullptr, {
        c10::optional<int64_t> divisor = divisor_override > 0 ? c10::optional<int64_t>(divisor_override) : c10::nullopt;
        return crc::wrap(at::avg_pool2d(T(input), crc::dims(kernel, 2), crc::dims(stride, 2), crc::dims(padding, 2),
                                        ceil_mode != 0, count_include_pad != 0, divisor));
    })
}

CRC_API crc_tensor crc_nn_adaptive_avg_pool2d(crc_tensor input, const int64_t* output_size) {
    CRC_TRY(nullptr, return crc::wrap(at::adaptive_avg_pool2d(T(input), crc::dims(output_size, 2)));)
}

CRC_API crc_tensor crc_nn_batch_norm(crc_tensor input, crc_tensor running_mean, crc_tensor running_var,
                                     crc_tensor weight, crc_tensor bias, int32_t training, double momentum,
                                     double eps) {
    CRC_TRY(nullptr, return crc::wrap(at::batch_norm(T(input), opt(weight), opt(bias), opt(running_mean),
                                                     opt(running_var), training != 0, momentum, eps,
                                                     at::globalContext().userEnabledCuDNN()));)
}

CRC_API crc_tensor crc_nn_layer_norm(crc_tensor input, const int64_t* normalized_shape, int32_t n,
                                     crc_tensor weight, crc_tensor bias, double eps) {
    CRC_TRY(nullptr, return crc::wrap(at::layer_norm(T(input), crc::dims(normalized_shape, n), opt(weight),
                                                     opt(bias), eps, at::globalContext().userEnabledCuDNN()));)
}

CRC_API crc_tensor crc_nn_group_norm(crc_tensor input, int64_t num_groups, crc_tensor weight, crc_tensor bias,
                                     double eps) {
    CRC_TRY(nullptr, return crc::wrap(at::group_norm(T(input), num_groups, opt(weight), opt(bias), eps,
                                                     at::globalContext().userEnabledCuDNN()));)
}

CRC_API crc_tensor crc_nn_dropout(crc_tensor input, double p, int32_t training, int32_t feature) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(p >= 0.0 && p <= 1.0, "dropout probability has to be between 0 and 1, but got ", p);
        return crc::wrap(feature != 0 ? at::feature_dropout(T(input), p, training != 0)
                                      : at::dropout(T(input), p, training != 0));
    })
}

CRC_API crc_tensor crc_nn_flatten(crc_tensor input, int64_t start_dim, int64_t end_dim) {
    CRC_TRY(nullptr, return crc::wrap(at::flatten(T(input), start_dim, end_dim));)
}

CRC_API crc_tensor crc_nn_embedding(crc_tensor weight, crc_tensor indices, int64_t padding_idx,
                                    int32_t scale_grad_by_freq, int32_t sparse) {
    CRC_TRY(nullptr, return crc::wrap(at::embedding(T(weight), T(indices), padding_idx < 0 ? -1 : padding_idx,
                                                    scale_grad_by_freq != 0, sparse != 0));)
}

CRC_API crc_tensor crc_nn_relu(crc_tensor input) { CRC_TRY(nullptr, return crc::wrap(at::relu(T(input)));) }

CRC_API crc_tensor crc_nn_leaky_relu(crc_tensor input, double negative_slope) {
    CRC_TRY(nullptr, return crc::wrap(at::leaky_relu(T(input), negative_slope));)
}

CRC_API crc_tensor crc_nn_elu(crc_tensor input, double alpha) {
    CRC_TRY(nullptr, return crc::wrap(at::elu(T(input), alpha));)
}

CRC_API crc_tensor crc_nn_gelu(crc_tensor input, const char* approximate) {
    CRC_TRY(nullptr, return crc::wrap(at::gelu(T(input), approximate == nullptr ? "none" : approximate));)
}

CRC_API crc_tensor crc_nn_silu(crc_tensor input) { CRC_TRY(nullptr, return crc::wrap(at::silu(T(input)));) }

CRC_API crc_tensor crc_nn_sigmoid(crc_tensor input) { CRC_TRY(nullptr, return crc::wrap(at::sigmoid(T(input)));) }

CRC_API crc_tensor crc_nn_tanh(crc_tensor input) { CRC_TRY(nullptr, return crc::wrap(at::tanh(T(input)));) }

CRC_API crc_tensor crc_nn_softmax(crc_tensor input, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(at::softmax(T(input), dim));)
}

CRC_API crc_tensor crc_nn_log_softmax(crc_tensor input, int64_t dim) {
    CRC_TRY(nullptr, return crc::wrap(at::log_softmax(T(input), dim));)
}
