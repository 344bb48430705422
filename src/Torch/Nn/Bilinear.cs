namespace Crucible.Torch.Nn;

/// <summary>
/// Applies <c>y = x1ᵀ A x2 + b</c> to two inputs (<c>nn.Bilinear</c>). Parameters <c>weight</c>
/// (out, in1, in2) and <c>bias</c> (out) start from U(-1/√in1, 1/√in1). Call
/// <see cref="Forward(Tensor, Tensor)"/>: the one-input <see cref="Forward(Tensor)"/> cannot apply.
/// </summary>
public sealed class Bilinear : Module
{
    /// <summary>Creates the layer.</summary>
    public Bilinear(long in1Features, long in2Features, long outFeatures, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(in1Features);
        ArgumentOutOfRangeException.ThrowIfNegative(in2Features);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        In1Features = in1Features;
        In2Features = in2Features;
        OutFeatures = outFeatures;
        var type = dtype ?? ScalarType.Float32;
        Weight = RegisterParameter("weight", torch.Zeros([outFeatures, in1Features, in2Features], type, device));
        Bias = bias ? RegisterParameter("bias", torch.Zeros([outFeatures], type, device)) : null;
        ResetParameters();
    }

    /// <summary>Size of each first input sample.</summary>
    public long In1Features { get; }

    /// <summary>Size of each second input sample.</summary>
    public long In2Features { get; }

    /// <summary>Size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight, shape (out, in1, in2).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the parameters the way PyTorch initializes them.</summary>
    public void ResetParameters()
    {
        var bound = In1Features > 0 ? 1 / Math.Sqrt(In1Features) : 0;
        Init.Uniform(Weight, -bound, bound);
        if (Bias is not null)
        {
            Init.Uniform(Bias, -bound, bound);
        }
    }

    /// <summary>Computes the output for the two inputs.</summary>
    public Tensor Forward(Tensor input1, Tensor input2) => F.Bilinear(input1, input2, Weight, Bias);

    /// <summary>Not applicable: a bilinear layer takes two inputs; call <see cref="Forward(Tensor, Tensor)"/>.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override Tensor Forward(Tensor input) =>
        throw new InvalidOperationException("Bilinear takes two inputs: call Forward(input1, input2).");

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in1_features={In1Features}, in2_features={In2Features}, out_features={OutFeatures}, bias={Py(Bias is not null)}";
}
