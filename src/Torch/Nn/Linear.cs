namespace Crucible.Torch.Nn;

/// <summary>
/// Applies <c>y = x Wᵀ + b</c> to the last dimension (<c>nn.Linear</c>). Parameters <c>weight</c>
/// (out_features, in_features) and <c>bias</c> (out_features) start from PyTorch's default,
/// U(-1/√in_features, 1/√in_features).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">Size of each input sample.</param>
    /// <param name="outFeatures">Size of each output sample.</param>
    /// <param name="bias">Whether to learn an additive bias. Defaults to true.</param>
    /// <param name="device">Where to create the parameters; the CPU by default.</param>
    /// <param name="dtype">The parameters' element type; float32 by default.</param>
    public Linear(long inFeatures, long outFeatures, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var type = dtype ?? ScalarType.Float32;
        Weight = RegisterParameter("weight", torch.Zeros([outFeatures, inFeatures], type, device));
        Bias = bias ? RegisterParameter("bias", torch.Zeros([outFeatures], type, device)) : null;
        ResetParameters();
    }

    /// <summary>Size of each input sample.</summary>
    public long InFeatures { get; }

    /// <summary>Size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight, shape (out_features, in_features).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out_features), or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the parameters the way PyTorch initializes them.</summary>
    public void ResetParameters()
    {
        Init.KaimingUniform(Weight, a: Math.Sqrt(5));
        if (Bias is not null)
        {
            var bound = InFeatures > 0 ? 1 / Math.Sqrt(InFeatures) : 0;
            Init.Uniform(Bias, -bound, bound);
        }
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={Py(Bias is not null)}";

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Linear(input, Weight, Bias);
}
