namespace Crucible.Torch.Nn;

/// <summary>
/// Normalizes over the trailing <see cref="NormalizedShape"/> dimensions of each sample
/// (<c>nn.LayerNorm</c>), with an elementwise scale <c>weight</c> (ones) and shift <c>bias</c> (zeros).
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer over the last dimension of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(long normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType? dtype = null)
        : this([normalizedShape], eps, elementwiseAffine, device, dtype)
    {
    }

    /// <summary>Creates the layer over the trailing dimensions of sizes <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">Sizes of the trailing dimensions to normalize over.</param>
    /// <param name="eps">Added to the variance for stability. Defaults to 1e-5.</param>
    /// <param name="elementwiseAffine">Whether to learn a scale and shift. Defaults to true.</param>
    /// <param name="device">Where to create the parameters; the CPU by default.</param>
    /// <param name="dtype">The parameters' element type; float32 by default.</param>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        NormalizedShape = [.. normalizedShape];
        (Eps, ElementwiseAffine) = (eps, elementwiseAffine);
        if (elementwiseAffine)
        {
            var type = dtype ?? ScalarType.Float32;
            Weight = RegisterParameter("weight", torch.Ones([.. NormalizedShape], type, device));
            Bias = RegisterParameter("bias", torch.Zeros([.. NormalizedShape], type, device));
        }
    }

    /// <summary>Sizes of the trailing dimensions normalized over.</summary>
    public IReadOnlyList<long> NormalizedShape { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer learns a scale and shift.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The scale, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LayerNorm(input, [.. NormalizedShape], Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"({string.Join(", ", NormalizedShape)}{(NormalizedShape.Count == 1 ? "," : string.Empty)}), eps={Py(Eps)}, elementwise_affine={Py(ElementwiseAffine)}";
}
