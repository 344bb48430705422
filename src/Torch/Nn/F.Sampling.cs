using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>Padding and spatial sampling: <c>F.pad</c>, <c>F.affine_grid</c>, <c>F.grid_sample</c>.</summary>
public static partial class F
{
    /// <summary>
    /// Pads (or, with negative sizes, crops) the last dimensions (<c>F.pad</c>). <paramref name="pad"/>
    /// holds (before, after) pairs starting from the last dimension: <c>[left, right, top, bottom]</c>
    /// pads width and height. <paramref name="value"/> fills with <see cref="PaddingMode.Constant"/> only.
    /// </summary>
    public static unsafe Tensor Pad(Tensor input, long[] pad, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(pad);
        if (pad.Length == 0 || pad.Length % 2 != 0)
        {
            throw new ArgumentException($"Padding needs (before, after) pairs, got {pad.Length} values.", nameof(pad));
        }

        var name = mode switch
        {
            PaddingMode.Constant => "constant",
            PaddingMode.Reflect => "reflect",
            PaddingMode.Replicate => "replicate",
            PaddingMode.Circular => "circular",
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown padding mode."),
        };
        fixed (long* p = pad)
        {
            return new(NativeMethods.crc_nn_pad(Tensor.H(input), p, pad.Length, name, value));
        }
    }

    /// <summary>
    /// The sampling grid of a batch of affine transforms (<c>F.affine_grid</c>): <paramref name="theta"/>
    /// is <c>[N, 2, 3]</c> for a 2-D <paramref name="size"/> <c>(N, C, H, W)</c> (or <c>[N, 3, 4]</c> for
    /// <c>(N, C, D, H, W)</c>) and maps output coordinates in [-1, 1] to input coordinates.
    /// </summary>
    public static unsafe Tensor AffineGrid(Tensor theta, long[] size, bool alignCorners = false)
    {
        ArgumentNullException.ThrowIfNull(size);
        fixed (long* s = size)
        {
            return new(NativeMethods.crc_nn_affine_grid(Tensor.H(theta), s, size.Length, alignCorners ? 1 : 0));
        }
    }

    /// <summary>
    /// Samples <paramref name="input"/> <c>(N, C, H, W)</c> at the locations of <paramref name="grid"/>
    /// <c>(N, H_out, W_out, 2)</c>, given as (x, y) in [-1, 1] (<c>F.grid_sample</c>).
    /// </summary>
    public static Tensor GridSample(Tensor input, Tensor grid, GridSampleMode mode = GridSampleMode.Bilinear, GridSamplePadding paddingMode = GridSamplePadding.Zeros, bool alignCorners = false) =>
        new(NativeMethods.crc_nn_grid_sample(Tensor.H(input), Tensor.H(grid), (int)mode, (int)paddingMode, alignCorners ? 1 : 0));
}
