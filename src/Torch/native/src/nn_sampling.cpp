// Area nn: padding and spatial sampling (F.pad, F.affine_grid, F.grid_sample). at::pad,
// at::affine_grid_generator and at::grid_sampler have the same signatures in libtorch 1.13 and 2.x.
#include "crc_nn.h"

using crc::T;

CRC_API crc_tensor crc_nn_pad(crc_tensor input, const int64_t* pad, int32_t n, const char* mode, double value) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(mode != nullptr, "pad: mode is null");
        const std::string m(mode);
        // PyTorch rejects a value for the non-constant modes; None is what F.pad passes for them.
        c10::optional<double> fill = m == "constant" ? c10::optional<double>(value) : c10::nullopt;
        return crc::wrap(at::pad(T(input), crc::dims(pad, n), m, fill));
    })
}

CRC_API crc_tensor crc_nn_affine_grid(crc_tensor theta, const int64_t* size, int32_t n, int32_t align_corners) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(n == 4 || n == 5, "affine_grid: size must have 4 (N, C, H, W) or 5 (N, C, D, H, W) values, got ", n);
        const auto& t = T(theta);
        TORCH_CHECK(t.is_floating_point(), "affine_grid: theta must be floating point, got ", t.scalar_type());
        const int64_t rows = n == 4 ? 2 : 3;
        TORCH_CHECK(t.dim() == 3 && t.size(0) == size[0] && t.size(1) == rows && t.size(2) == rows + 1,
                    "affine_grid: theta must be [N, ", rows, ", ", rows + 1, "] with N = ", size[0],
                    " for a size of ", n, " values, got ", t.sizes());
        return crc::wrap(at::affine_grid_generator(t, crc::dims(size, n), align_corners != 0));
    })
}

CRC_API crc_tensor crc_nn_grid_sample(crc_tensor input, crc_tensor grid, int32_t mode, int32_t padding_mode,
                                      int32_t align_corners) {
    CRC_TRY(nullptr, {
        TORCH_CHECK(mode >= 0 && mode <= 2, "grid_sample: mode must be 0 (bilinear), 1 (nearest) or 2 (bicubic), got ", mode);
        TORCH_CHECK(padding_mode >= 0 && padding_mode <= 2,
                    "grid_sample: padding_mode must be 0 (zeros), 1 (border) or 2 (reflection), got ", padding_mode);
        return crc::wrap(at::grid_sampler(T(input), T(grid), mode, padding_mode, align_corners != 0));
    })
}
