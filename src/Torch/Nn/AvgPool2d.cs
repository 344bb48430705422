namespace Crucible.Torch.Nn;

/// <summary>2-D average pooling over (N, C, H, W) input (<c>nn.AvgPool2d</c>).</summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer; sizes are an int or an (h, w) tuple; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public AvgPool2d(Pair kernelSize, Pair? stride = null, Pair? padding = null, bool ceilMode = false, bool countIncludePad = true, long? divisorOverride = null)
    {
        (KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride) = (kernelSize, stride ?? kernelSize, padding ?? 0, ceilMode, countIncludePad, divisorOverride);
    }

    /// <summary>Window size (h, w).</summary>
    public Pair KernelSize { get; }

    /// <summary>Window step (h, w). Defaults to the kernel size.</summary>
    public Pair Stride { get; }

    /// <summary>Implicit zero padding (h, w). Defaults to 0.</summary>
    public Pair Padding { get; }

    /// <summary>Round output sizes up instead of down. Defaults to false.</summary>
    public bool CeilMode { get; }

    /// <summary>Count the zero padding in the average's divisor. Defaults to true.</summary>
    public bool CountIncludePad { get; }

    /// <summary>A fixed divisor instead of the window size, or null.</summary>
    public long? DivisorOverride { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}";
}
