namespace Crucible.Torch.Nn;

/// <summary>Applies <c>max(0, x)</c> elementwise (<c>nn.ReLU</c>).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Relu(input);
}
