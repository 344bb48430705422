namespace Crucible.Torch.Nn;

/// <summary>1-D max pooling over (N, C, L) input (<c>nn.MaxPool1d</c>).</summary>
public sealed class MaxPool1d : Module
{
    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    public MaxPool1d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    {
        (KernelSize, Stride, Padding, Dilation, CeilMode) = (kernelSize, stride ?? kernelSize, padding, dilation, ceilMode);
    }

    /// <summary>Window length.</summary>
    public long KernelSize { get; }

    /// <summary>Window step. Defaults to the kernel size.</summary>
    public long Stride { get; }

    /// <summary>Implicit negative-infinity padding on both sides. Defaults to 0.</summary>
    public long Padding { get; }

    /// <summary>Spacing between window elements. Defaults to 1.</summary>
    public long Dilation { get; }

    /// <summary>Round the output length up instead of down. Defaults to false.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.MaxPool1d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={Py(CeilMode)}";
}
