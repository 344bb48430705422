namespace Crucible.Torch.Nn;

/// <summary>Applies the Gaussian error linear unit elementwise (<c>nn.GELU</c>).</summary>
public sealed class GELU : Module
{
    /// <summary>Creates the activation (<paramref name="approximate"/>: "none" or "tanh").</summary>
    public GELU(string approximate = "none")
    {
        Approximate = approximate is "none" or "tanh"
            ? approximate
            : throw new ArgumentException($"Unknown GELU approximation '{approximate}'. Expected \"none\" or \"tanh\".", nameof(approximate));
    }

    /// <summary>"none" for the exact form (with erf), "tanh" for the tanh approximation. Defaults to "none".</summary>
    public string Approximate { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Gelu(input, Approximate);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}
