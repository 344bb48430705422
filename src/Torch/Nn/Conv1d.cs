namespace Crucible.Torch.Nn;

/// <summary>
/// 1-D convolution over (N, C_in, L) input (<c>nn.Conv1d</c>). Parameters <c>weight</c>
/// (out, in/groups, kernel) and <c>bias</c> (out) start from PyTorch's default,
/// U(-1/√fan_in, 1/√fan_in) with fan_in = in/groups·kernel. Only zero padding is supported.
/// </summary>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer with numeric padding.</summary>
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        (InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups) = (inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        (Weight, Bias) = ConvParameters.Create(this, inChannels, outChannels, [kernelSize], groups, transposed: false, bias, device, dtype);
    }

    /// <summary>Creates the layer with <c>padding="same"</c> (output as long as the input; stride 1 only) or <c>"valid"</c> (no padding).</summary>
    public Conv1d(long inChannels, long outChannels, long kernelSize, string padding, long stride = 1, long dilation = 1, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null)
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

    /// <summary>Kernel length.</summary>
    public long KernelSize { get; }

    /// <summary>Stride. Defaults to 1.</summary>
    public long Stride { get; }

    /// <summary>Zero padding on both sides. Defaults to 0.</summary>
    public long Padding { get; }

    /// <summary>"same" or "valid" when the padding was given by name, otherwise null.</summary>
    public string? PaddingMode { get; }

    /// <summary>Spacing between kernel elements. Defaults to 1.</summary>
    public long Dilation { get; }

    /// <summary>Number of blocked connections from input to output channels. Defaults to 1.</summary>
    public long Groups { get; }

    /// <summary>The weight, shape (out, in/groups, kernel).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the parameters the way PyTorch initializes them.</summary>
    public void ResetParameters() => ConvParameters.Reset(Weight, Bias);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => PaddingMode is null
        ? F.Conv1d(input, Weight, Bias, Stride, Padding, Dilation, Groups)
        : F.Conv1d(input, Weight, Bias, Stride, PaddingMode, Dilation, Groups);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, kernel_size=({KernelSize},), stride=({Stride},)" + (PaddingMode is not null ? $", padding={PaddingMode}" : Padding != 0 ? $", padding=({Padding},)" : string.Empty) + (Dilation != 1 ? $", dilation=({Dilation},)" : string.Empty) + (Groups != 1 ? $", groups={Groups}" : string.Empty) + (Bias is null ? ", bias=False" : string.Empty);
}
