namespace Crucible.Torch.Nn;

/// <summary>Batch normalization over (N, C) or (N, C, L) input (<c>nn.BatchNorm1d</c>).</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer; see <see cref="BatchNorm"/> for the options.</summary>
    public BatchNorm1d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, Device? device = null, ScalarType? dtype = null)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, device, dtype)
    {
    }

    /// <inheritdoc/>
    protected override bool AcceptsDimensions(int dims, out string expected)
    {
        expected = "2-D or 3-D";
        return dims is 2 or 3;
    }
}
