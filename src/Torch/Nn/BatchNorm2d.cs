namespace Crucible.Torch.Nn;

/// <summary>Batch normalization over (N, C, H, W) input (<c>nn.BatchNorm2d</c>).</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer; see <see cref="BatchNorm"/> for the options.</summary>
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, Device? device = null, ScalarType? dtype = null)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, device, dtype)
    {
    }

    /// <inheritdoc/>
    protected override bool AcceptsDimensions(int dims, out string expected)
    {
        expected = "4-D";
        return dims == 4;
    }
}
