namespace Crucible.Torch.Nn;

/// <summary>Applies the log of softmax along a dimension (<c>nn.LogSoftmax</c>).</summary>
public sealed class LogSoftmax : Module
{
    /// <summary>Creates the activation along <paramref name="dim"/>.</summary>
    public LogSoftmax(long dim)
    {
        Dim = dim;
    }

    /// <summary>The dimension the softmax is taken along.</summary>
    public long Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LogSoftmax(input, Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}";
}
