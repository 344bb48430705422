// Area: loss — the loss functions of torch.nn (mse_loss, cross_entropy, ...), one export each.
//
// `reduction` takes libtorch's at::Reduction codes: 0 none, 1 mean, 2 sum. Optional tensors
// (class weights, pos_weight) may be null. Every export returns a new tensor that records
// autograd history, or null on failure (message in crc_error_take).
#pragma once
#include "crc_common.h"

CRC_API crc_tensor crc_loss_mse(crc_tensor input, crc_tensor target, int32_t reduction);
CRC_API crc_tensor crc_loss_l1(crc_tensor input, crc_tensor target, int32_t reduction);
CRC_API crc_tensor crc_loss_smooth_l1(crc_tensor input, crc_tensor target, int32_t reduction, double beta);
CRC_API crc_tensor crc_loss_huber(crc_tensor input, crc_tensor target, int32_t reduction, double delta);
CRC_API crc_tensor crc_loss_bce(crc_tensor input, crc_tensor target, crc_tensor weight, int32_t reduction);
CRC_API crc_tensor crc_loss_bce_with_logits(crc_tensor input, crc_tensor target, crc_tensor weight,
                                            crc_tensor pos_weight, int32_t reduction);
CRC_API crc_tensor crc_loss_cross_entropy(crc_tensor input, crc_tensor target, crc_tensor weight,
                                          int32_t reduction, int64_t ignore_index, double label_smoothing);
CRC_API crc_tensor crc_loss_nll(crc_tensor input, crc_tensor target, crc_tensor weight, int32_t reduction,
                                int64_t ignore_index);
CRC_API crc_tensor crc_loss_kl_div(crc_tensor input, crc_tensor target, int32_t reduction, int32_t log_target);
CRC_API crc_tensor crc_loss_cosine_embedding(crc_tensor input1, crc_tensor input2, crc_tensor target,
                                             double margin, int32_t reduction);
CRC_API crc_tensor crc_loss_margin_ranking(crc_tensor input1, crc_tensor input2, crc_tensor target,
                                           double margin, int32_t reduction);
