namespace Crucible.Torch.Nn;

/// <summary>Applies the hyperbolic tangent elementwise (<c>nn.Tanh</c>).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Tanh(input);
}
