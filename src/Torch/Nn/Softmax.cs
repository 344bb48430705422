namespace Crucible.Torch.Nn;

/// <summary>Applies softmax along a dimension (<c>nn.Softmax</c>).</summary>
public sealed class Softmax : Module
{
    /// <summary>Creates the activation along <paramref name="dim"/>.</summary>
    public Softmax(long dim)
    {
        Dim = dim;
    }

    /// <summary>The dimension the outputs sum to one along.</summary>
    public long Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Softmax(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
