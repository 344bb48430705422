namespace Crucible.Torch.Nn;

/// <summary>Applies <c>1 / (1 + exp(-x))</c> elementwise (<c>nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Sigmoid(input);
}
