namespace Crucible.Torch.Nn;

/// <summary>
/// 2-D convolution over (N, C_in, H, W) input (<c>nn.Conv2d</c>). Parameters <c>weight</c>
/// (out, in/groups, kH, kW) and <c>bias</c> (out) start from PyTorch's default,
/// U(-1/√fan_in, 1/√fan_in) with fan_in = in/groups·kH·kW. Only zero padding is supported.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer with numeric padding; sizes are an int or an (h, w) tuple.</summary>
    public Conv2d(long inChannels, long outChannels, Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        (InChannels, OutChannels, KernelSize, Groups) = (inChannels, outChannels, kernelSize, groups);
        (Stride, Padding, Dilation) = (stride ?? 1, padding ?? 0, dilation ?? 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Math.Min(Padding.First, Padding.Second), nameof(padding));
        (Weight, Bias) = ConvParameters.Create(this, inChannels, outChannels, kernelSize.ToArray(), groups, transposed: false, bias, device, dtype);
    }

    /// <summary>Creates the layer with <c>padding="same"</c> (output as large as the input; stride 1 only) or <c>"valid"</c> (no padding).</summary>
    public Conv2d(long inChannels, long outChannels, Pair kernelSize, string padding, Pair? stride = null, Pair? dilation = null, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null)
        : this(inChannels, outChannels, kernelSize, stride, 0, dilation, groups, bias, device, dtype)
    {
        PaddingMode = padding is "same" or "valid"
            ? padding
            : throw new ArgumentException($"Unknown padding '{padding}'. Expected \"same\", \"valid\" or a number.", nameof(padding));
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Kernel size (h, w).</summary>
    public Pair KernelSize { get; }

    /// <summary>Stride (h, w). Defaults to 1.</summary>
    public Pair Stride { get; }

    /// <summary>Zero padding (h, w) on both sides. Defaults to 0.</summary>
    public Pair Padding { get; }

    /// <summary>"same" or "valid" when the padding was given by name, otherwise null.</summary>
    public string? PaddingMode { get; }

    /// <summary>Spacing between kernel elements (h, w). Defaults to 1.</summary>
    public Pair Dilation { get; }

    /// <summary>Number of blocked connections from input to output channels. Defaults to 1.</summary>
    public long Groups { get; }

    /// <summary>The weight, shape (out, in/groups, kH, kW).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the parameters the way PyTorch initializes them.</summary>
    public void ResetParameters() => ConvParameters.Reset(Weight, Bias);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => PaddingMode is null
        ? F.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups)
        : F.Conv2d(input, Weight, Bias, Stride, PaddingMode, Dilation, Groups);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, kernel_size={KernelSize}, stride={Stride}" + (PaddingMode is not null ? $", padding={PaddingMode}" : Padding != (Pair)0 ? $", padding={Padding}" : string.Empty) + (Dilation != (Pair)1 ? $", dilation={Dilation}" : string.Empty) + (Groups != 1 ? $", groups={Groups}" : string.Empty) + (Bias is null ? ", bias=False" : string.Empty);
}
