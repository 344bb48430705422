namespace Crucible.Torch.Nn;

/// <summary>2-D average pooling to a fixed output size, whatever the input size (<c>nn.AdaptiveAvgPool2d</c>).</summary>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer for an output of <paramref name="outputSize"/> (an int or an (h, w) tuple).</summary>
    public AdaptiveAvgPool2d(Pair outputSize)
    {
        OutputSize = outputSize;
    }

    /// <summary>The output size (h, w).</summary>
    public Pair OutputSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.AdaptiveAvgPool2d(input, OutputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"output_size={OutputSize}";
}
