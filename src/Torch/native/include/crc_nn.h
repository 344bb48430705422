// Area: nn — the functional forms behind Crucible.Torch.Nn's modules (torch.nn.functional),
// parameter initialization and the few in-place helpers modules need (state dict, To).
//
// Optional tensors are passed as null or as an undefined tensor (crc_nn_undefined); both mean
// "None". Sizes (kernel, stride, ...) are int64 arrays with their length.
#pragma once
#include "crc_common.h"

// A handle to an undefined tensor, the managed side's stand-in for None.
CRC_API crc_tensor crc_nn_undefined();

// ---- layers ----
CRC_API crc_tensor crc_nn_linear(crc_tensor input, crc_tensor weight, crc_tensor bias);
CRC_API crc_tensor crc_nn_bilinear(crc_tensor input1, crc_tensor input2, crc_tensor weight, crc_tensor bias);
// dims selects conv1d (1) or conv2d (2); padding_same != 0 uses padding="same" and ignores padding.
CRC_API crc_tensor crc_nn_conv(int32_t dims, crc_tensor input, crc_tensor weight, crc_tensor bias,
                               const int64_t* stride, const int64_t* padding, const int64_t* dilation,
                               int32_t n, int64_t groups, int32_t padding_same);
CRC_API crc_tensor crc_nn_conv_transpose2d(crc_tensor input, crc_tensor weight, crc_tensor bias,
                                           const int64_t* stride, const int64_t* padding,
                                           const int64_t* output_padding, const int64_t* dilation,
                                           int64_t groups);
// dims selects max_pool1d (1) or max_pool2d (2).
CRC_API crc_tensor crc_nn_max_pool(int32_t dims, crc_tensor input, const int64_t* kernel, const int64_t* stride,
                                   const int64_t* padding, const int64_t* dilation, int32_t n, int32_t ceil_mode);
// divisor_override <= 0 means none.
CRC_API crc_tensor crc_nn_avg_pool2d(crc_tensor input, const int64_t* kernel, const int64_t* stride,
                                     const int64_t* padding, int32_t ceil_mode, int32_t count_include_pad,
                                     int64_t divisor_override);
CRC_API crc_tensor crc_nn_adaptive_avg_pool2d(crc_tensor input, const int64_t* output_size);
// Updates running_mean/running_var in place when training.
CRC_API crc_tensor crc_nn_batch_norm(crc_tensor input, crc_tensor running_mean, crc_tensor running_var,
                                     crc_tensor weight, crc_tensor bias, int32_t training, double momentum,
                                     double eps);
CRC_API crc_tensor crc_nn_layer_norm(crc_tensor input, const int64_t* normalized_shape, int32_t n,
                                     crc_tensor weight, crc_tensor bias, double eps);
CRC_API crc_tensor crc_nn_group_norm(crc_tensor input, int64_t num_groups, crc_tensor weight, crc_tensor bias,
                                     double eps);
// feature != 0 zeroes whole channels (dropout2d).
CRC_API crc_tensor crc_nn_dropout(crc_tensor input, double p, int32_t training, int32_t feature);
CRC_API crc_tensor crc_nn_flatten(crc_tensor input, int64_t start_dim, int64_t end_dim);
// padding_idx < 0 means none.
CRC_API crc_tensor crc_nn_embedding(crc_tensor weight, crc_tensor indices, int64_t padding_idx,
                                    int32_t scale_grad_by_freq, int32_t sparse);

// ---- recurrent layers ----
// mode: 0 rnn_tanh, 1 rnn_relu, 2 lstm, 3 gru. params: per layer and direction
// w_ih, w_hh[, b_ih, b_hh]. h0/c0 may be undefined (zeros). Accepts unbatched (2-D) input.
// out_c is only written for lstm.
CRC_API int32_t crc_nn_rnn(int32_t mode, crc_tensor input, crc_tensor h0, crc_tensor c0, const crc_tensor* params,
                           int32_t nparams, int32_t has_biases, int64_t num_layers, double dropout,
                           int32_t training, int32_t bidirectional, int32_t batch_first, crc_tensor* out_output,
                           crc_tensor* out_h, crc_tensor* out_c);

// ---- activations ----
CRC_API crc_tensor crc_nn_relu(crc_tensor input);
CRC_API crc_tensor crc_nn_leaky_relu(crc_tensor input, double negative_slope);
CRC_API crc_tensor crc_nn_elu(crc_tensor input, double alpha);
// approximate: "none" or "tanh".
CRC_API crc_tensor crc_nn_gelu(crc_tensor input, const char* approximate);
CRC_API crc_tensor crc_nn_silu(crc_tensor input);
CRC_API crc_tensor crc_nn_sigmoid(crc_tensor input);
CRC_API crc_tensor crc_nn_tanh(crc_tensor input);
CRC_API crc_tensor crc_nn_softmax(crc_tensor input, int64_t dim);
CRC_API crc_tensor crc_nn_log_softmax(crc_tensor input, int64_t dim);

// ---- initialization (in place, without recording gradients) ----
CRC_API int32_t crc_nn_init_uniform_(crc_tensor t, double low, double high);
CRC_API int32_t crc_nn_init_normal_(crc_tensor t, double mean, double std);
CRC_API int32_t crc_nn_init_constant_(crc_tensor t, double value);
// Fills row `index` (dim 0) with `value`; used for Embedding's padding_idx.
CRC_API int32_t crc_nn_init_fill_row_(crc_tensor t, int64_t index, double value);

// ---- helpers for Module (in place, without recording gradients) ----
// dst.copy_(src): loads a state dict entry keeping dst's identity.
CRC_API int32_t crc_nn_copy_(crc_tensor dst, crc_tensor src);
// Converts t (and its gradient) to dtype/device in place of its data, keeping the tensor's identity
// (as module.to() does with param.data), so references held elsewhere see the new data.
CRC_API int32_t crc_nn_set_data_to(crc_tensor t, int32_t dtype, int32_t device_type, int32_t device_index);
CRC_API int32_t crc_nn_add_scalar_(crc_tensor t, double value);

// ---- padding and spatial sampling (augmentation, spatial transformers) ----
// F.pad: pad holds (left, right, top, bottom, ...) pairs from the last dimension backwards, n values;
// mode is "constant", "reflect", "replicate" or "circular"; value is used by "constant" only.
CRC_API crc_tensor crc_nn_pad(crc_tensor input, const int64_t* pad, int32_t n, const char* mode, double value);
// F.affine_grid: theta [N, 2, 3] (or [N, 3, 4]) and the output size (N, C, H, W) (or (N, C, D, H, W)).
CRC_API crc_tensor crc_nn_affine_grid(crc_tensor theta, const int64_t* size, int32_t n, int32_t align_corners);
// F.grid_sample: mode 0 bilinear, 1 nearest, 2 bicubic; padding_mode 0 zeros, 1 border, 2 reflection.
CRC_API crc_tensor crc_nn_grid_sample(crc_tensor input, crc_tensor grid, int32_t mode, int32_t padding_mode,
                                      int32_t align_corners);
