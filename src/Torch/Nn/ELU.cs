namespace Crucible.Torch.Nn;

/// <summary>Applies <c>x</c> for positive x and <c>alpha * (exp(x) - 1)</c> otherwise (<c>nn.ELU</c>).</summary>
public sealed class ELU : Module
{
    /// <summary>Creates the activation with the given alpha.</summary>
    public ELU(double alpha = 1.0)
    {
        Alpha = alpha;
    }

    /// <summary>The saturation value for negative inputs. Defaults to 1.0.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"alpha={Py(Alpha)}";
}
