namespace Crucible.Torch.Nn;

/// <summary>Applies <c>x * sigmoid(x)</c> elementwise (<c>nn.SiLU</c>).</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Silu(input);
}
