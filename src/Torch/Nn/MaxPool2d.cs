namespace Crucible.Torch.Nn;

/// <summary>2-D max pooling over (N, C, H, W) input (<c>nn.MaxPool2d</c>).</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer; sizes are an int or an (h, w) tuple; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public MaxPool2d(Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null, bool ceilMode = false)
    {
        (KernelSize, Stride, Padding, Dilation, CeilMode) = (kernelSize, stride ?? kernelSize, padding ?? 0, dilation ?? 1, ceilMode);
    }

    /// <summary>Window size (h, w).</summary>
    public Pair KernelSize { get; }

    /// <summary>Window step (h, w). Defaults to the kernel size.</summary>
    public Pair Stride { get; }

    /// <summary>Implicit negative-infinity padding (h, w). Defaults to 0.</summary>
    public Pair Padding { get; }

    /// <summary>Spacing between window elements (h, w). Defaults to 1.</summary>
    public Pair Dilation { get; }

    /// <summary>Round output sizes up instead of down. Defaults to false.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={Py(CeilMode)}";
}
