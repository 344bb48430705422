// Area tensor: in-place ops, the building blocks of optimizers and initializers.
#include "crc_tensor.h"

#include <algorithm>
#include <vector>

using crc::T;

namespace {

c10::optional<at::Scalar> bound(double value, int32_t present) {
    return present != 0 ? c10::optional<at::Scalar>(value) : c10::nullopt;
}

// t = t.index_select(0, index) without a second copy of t, for a permutation index: a contiguous CPU
// tensor that autograd does not track moves its rows along the permutation's cycles through one row of
// scratch (how a run holds out its validation rows without doubling the dataset); any other tensor
// gathers into a copy and copies back.
void permute_rows(at::Tensor& x, const at::Tensor& index) {
    TORCH_CHECK(x.dim() >= 1, "permute_rows_ needs a tensor with at least one dimension");
    const int64_t n = x.size(0);
    at::Tensor order = index.to(at::kCPU, at::kLong).contiguous();
    TORCH_CHECK(order.dim() == 1 && order.size(0) == n, "permute_rows_ needs a permutation of the ", n,
                " rows, but the index has shape ", order.sizes());
    const int64_t* p = order.data_ptr<int64_t>();
    std::vector<char> done(static_cast<size_t>(n), 0);
    for (int64_t i = 0; i < n; ++i) {
        TORCH_CHECK(p[i] >= 0 && p[i] < n && done[p[i]] == 0, "permute_rows_: index ", i, " (", p[i],
                    ") is out of range or repeated; the index must be a permutation of 0..", n - 1);
        done[p[i]] = 1;
    }

    if (!x.is_cpu() || !x.is_contiguous() || x.requires_grad() || n == 0) {
        x.copy_(x.index_select(0, order.to(x.device())));
    } else {
        std::fill(done.begin(), done.end(), 0);
        const size_t row = x.nbytes() / static_cast<size_t>(n);
        char* base = static_cast<char*>(x.data_ptr());
        std::vector<char> scratch(row);
        for (int64_t start = 0; start < n; ++start) {
            if (done[start] != 0) continue;
            if (p[start] == start) {
                done[start] = 1;
                continue;
            }
            // Row j takes row p[j]'s bytes; row p[j] is read before the cycle writes it.
            std::memcpy(scratch.data(), base + static_cast<size_t>(start) * row, row);
            for (int64_t j = start;;) {
                done[j] = 1;
                const int64_t k = p[j];
                if (k == start) {
                    std::memcpy(base + static_cast<size_t>(j) * row, scratch.data(), row);
                    break;
                }
                std::memcpy(base + static_cast<size_t>(j) * row, base + static_cast<size_t>(k) * row, row);
                j = k;
            }
        }
        x.unsafeGetTensorImpl()->bump_version();
    }
}

}  // namespace

CRC_API int32_t crc_tensor_add_(crc_tensor t, crc_tensor other, double alpha) { CRC_STATUS(T(t).add_(T(other), crc::alpha(alpha));) }

CRC_API int32_t crc_tensor_sub_(crc_tensor t, crc_tensor other, double alpha) { CRC_STATUS(T(t).sub_(T(other), crc::alpha(alpha));) }

CRC_API int32_t crc_tensor_mul_(crc_tensor t, crc_tensor other) { CRC_STATUS(T(t).mul_(T(other));) }

CRC_API int32_t crc_tensor_div_(crc_tensor t, crc_tensor other) { CRC_STATUS(T(t).div_(T(other));) }

CRC_API int32_t crc_tensor_add_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).add_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_mul_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).mul_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_div_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).div_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_pow_scalar_(crc_tensor t, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).pow_(crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_addcmul_(crc_tensor t, crc_tensor a, crc_tensor b, double value) {
    CRC_STATUS(T(t).addcmul_(T(a), T(b), value);)
}

CRC_API int32_t crc_tensor_addcdiv_(crc_tensor t, crc_tensor a, crc_tensor b, double value) {
    CRC_STATUS(T(t).addcdiv_(T(a), T(b), value);)
}

CRC_API int32_t crc_tensor_lerp_(crc_tensor t, crc_tensor end, double weight) { CRC_STATUS(T(t).lerp_(T(end), weight);) }

CRC_API int32_t crc_tensor_clamp_(crc_tensor t, double min, int32_t has_min, double max, int32_t has_max) {
    CRC_STATUS(T(t).clamp_(bound(min, has_min), bound(max, has_max));)
}

CRC_API int32_t crc_tensor_maximum_(crc_tensor t, crc_tensor other) { CRC_STATUS(at::maximum_out(T(t), T(t), T(other));) }

CRC_API int32_t crc_tensor_sqrt_(crc_tensor t) { CRC_STATUS(T(t).sqrt_();) }

CRC_API int32_t crc_tensor_neg_(crc_tensor t) { CRC_STATUS(T(t).neg_();) }

CRC_API int32_t crc_tensor_copy_(crc_tensor t, crc_tensor source) { CRC_STATUS(T(t).copy_(T(source));) }

CRC_API int32_t crc_tensor_permute_rows_(crc_tensor t, crc_tensor index) { CRC_STATUS(permute_rows(T(t), T(index));) }

CRC_API int32_t crc_tensor_zero_(crc_tensor t) { CRC_STATUS(T(t).zero_();) }

CRC_API int32_t crc_tensor_fill_(crc_tensor t, int64_t s_bits, int32_t s_kind) { CRC_STATUS(T(t).fill_(crc::scalar(s_bits, s_kind));) }

CRC_API int32_t crc_tensor_masked_fill_(crc_tensor t, crc_tensor mask, int64_t s_bits, int32_t s_kind) {
    CRC_STATUS(T(t).masked_fill_(T(mask), crc::scalar(s_bits, s_kind));)
}

CRC_API int32_t crc_tensor_uniform_(crc_tensor t, double from, double to) { CRC_STATUS(T(t).uniform_(from, to);) }

CRC_API int32_t crc_tensor_normal_(crc_tensor t, double mean, double std) { CRC_STATUS(T(t).normal_(mean, std);) }

CRC_API int32_t crc_tensor_bernoulli_(crc_tensor t, double p) { CRC_STATUS(T(t).bernoulli_(p);) }
