namespace Crucible.Torch.Nn;

/// <summary>
/// Normalizes each group of channels of each sample (<c>nn.GroupNorm</c>), with a per-channel
/// scale <c>weight</c> (ones) and shift <c>bias</c> (zeros).
/// </summary>
public sealed class GroupNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numGroups">Number of groups; must divide <paramref name="numChannels"/>.</param>
    /// <param name="numChannels">Number of channels C of the (N, C, ...) input.</param>
    /// <param name="eps">Added to the variance for stability. Defaults to 1e-5.</param>
    /// <param name="affine">Whether to learn a per-channel scale and shift. Defaults to true.</param>
    /// <param name="device">Where to create the parameters; the CPU by default.</param>
    /// <param name="dtype">The parameters' element type; float32 by default.</param>
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numGroups, 1);
        if (numChannels % numGroups != 0)
        {
            throw new ArgumentException($"num_channels ({numChannels}) must be divisible by num_groups ({numGroups}).", nameof(numGroups));
        }

        (NumGroups, NumChannels, Eps, Affine) = (numGroups, numChannels, eps, affine);
        if (affine)
        {
            var type = dtype ?? ScalarType.Float32;
            Weight = RegisterParameter("weight", torch.Ones([numChannels], type, device));
            Bias = RegisterParameter("bias", torch.Zeros([numChannels], type, device));
        }
    }

    /// <summary>Number of groups.</summary>
    public long NumGroups { get; }

    /// <summary>Number of channels.</summary>
    public long NumChannels { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer learns a per-channel scale and shift.</summary>
    public bool Affine { get; }

    /// <summary>The scale, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.GroupNorm(input, NumGroups, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{NumGroups}, {NumChannels}, eps={Py(Eps)}, affine={Py(Affine)}";
}
