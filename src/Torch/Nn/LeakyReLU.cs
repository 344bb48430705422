namespace Crucible.Torch.Nn;

/// <summary>Applies <c>max(0, x) + negativeSlope * min(0, x)</c> elementwise (<c>nn.LeakyReLU</c>).</summary>
public sealed class LeakyReLU : Module
{
    /// <summary>Creates the activation with the given negative slope.</summary>
    public LeakyReLU(double negativeSlope = 0.01)
    {
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope for negative inputs. Defaults to 0.01.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"negative_slope={Py(NegativeSlope)}";
}
