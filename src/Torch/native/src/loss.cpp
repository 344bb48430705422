#include "crc_loss.h"

using crc::T;

namespace {

c10::optional<at::Tensor> optional_tensor(crc_tensor t) {
    return t != nullptr ? c10::optional<at::Tensor>(T(t)) : c10::nullopt;
}

}  // namespace

CRC_API crc_tensor crc_loss_mse(crc_tensor input, crc_tensor target, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::mse_loss(T(input), T(target), reduction));)
}

CRC_API crc_tensor crc_loss_l1(crc_tensor input, crc_tensor target, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::l1_loss(T(input), T(target), reduction));)
}

CRC_API crc_tensor crc_loss_smooth_l1(crc_tensor input, crc_tensor target, int32_t reduction, double beta) {
    // torch.nn.functional.smooth_l1_loss falls back to l1_loss at beta 0; libtorch's kernel divides by beta.
    CRC_TRY(nullptr, {
        if (beta == 0.0) return crc::wrap(at::l1_loss(T(input), T(target), reduction));
        return crc::wrap(at::smooth_l1_loss(T(input), T(target), reduction, beta));
    })
}

CRC_API crc_tensor crc_loss_huber(crc_tensor input, crc_tensor target, int32_t reduction, double delta) {
    CRC_TRY(nullptr, return crc::wrap(at::huber_loss(T(input), T(target), reduction, delta));)
}

CRC_API crc_tensor crc_loss_bce(crc_tensor input, crc_tensor target, crc_tensor weight, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::binary_cross_entropy(T(input), T(target), optional_tensor(weight),
                                                               reduction));)
}

CRC_API crc_tensor crc_loss_bce_with_logits(crc_tensor input, crc_tensor target, crc_tensor weight,
                                            crc_tensor pos_weight, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::binary_cross_entropy_with_logits(
                                 T(input), T(target), optional_tensor(weight), optional_tensor(pos_weight),
                                 reduction));)
}

CRC_API crc_tensor crc_loss_cross_entropy(crc_tensor input, crc_tensor target, crc_tensor weight,
                                          int32_t reduction, int64_t ignore_index, double label_smoothing) {
    CRC_TRY(nullptr, return crc::wrap(at::cross_entropy_loss(T(input), T(target), optional_tensor(weight),
                                                             reduction, ignore_index, label_smoothing));)
}

CRC_API crc_tensor crc_loss_nll(crc_tensor input, crc_tensor target, crc_tensor weight, int32_t reduction,
                                int64_t ignore_index) {
    CRC_TRY(nullptr, return crc::wrap(at::nll_loss_nd(T(input), T(target), optional_tensor(weight), reduction,
                                                      ignore_index));)
}

CRC_API crc_tensor crc_loss_kl_div(crc_tensor input, crc_tensor target, int32_t reduction, int32_t log_target) {
    CRC_TRY(nullptr, return crc::wrap(at::kl_div(T(input), T(target), reduction, log_target != 0));)
}

CRC_API crc_tensor crc_loss_cosine_embedding(crc_tensor input1, crc_tensor input2, crc_tensor target,
                                             double margin, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::cosine_embedding_loss(T(input1), T(input2), T(target), margin,
                                                                reduction));)
}

CRC_API crc_tensor crc_loss_margin_ranking(crc_tensor input1, crc_tensor input2, crc_tensor target,
                                           double margin, int32_t reduction) {
    CRC_TRY(nullptr, return crc::wrap(at::margin_ranking_loss(T(input1), T(input2), T(target), margin,
                                                              reduction));)
}
