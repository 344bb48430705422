namespace Crucible.Torch.Nn;

/// <summary>
/// In training, zeroes whole channels of (N, C, H, W) input with probability <see cref="P"/> and
/// scales the others by 1/(1-p); in evaluation mode, the identity (<c>nn.Dropout2d</c>).
/// </summary>
public sealed class Dropout2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of a channel being zeroed. Defaults to 0.5.</param>
    public Dropout2d(double p = 0.5)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The dropout probability must be between 0 and 1.");
        }

        P = p;
    }

    /// <summary>Probability of a channel being zeroed.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Dropout2d(input, P, Training);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={Py(P)}, inplace=False";
}
