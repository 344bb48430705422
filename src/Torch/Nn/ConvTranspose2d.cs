namespace Crucible.Torch.Nn;

/// <summary>
/// 2-D transposed convolution over (N, C_in, H, W) input (<c>nn.ConvTranspose2d</c>). Parameters
/// <c>weight</c> (in, out/groups, kH, kW) and <c>bias</c> (out) start from PyTorch's default,
/// U(-1/√fan_in, 1/√fan_in) with fan_in = out/groups·kH·kW (PyTorch computes it from the weight's
/// second dimension).
/// </summary>
public sealed class ConvTranspose2d : Module
{
    /// <summary>Creates the layer; sizes are an int or an (h, w) tuple.</summary>
    public ConvTranspose2d(long inChannels, long outChannels, Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? outputPadding = null, long groups = 1, bool bias = true, Pair? dilation = null, Device? device = null, ScalarType? dtype = null)
    {
        (InChannels, OutChannels, KernelSize, Groups) = (inChannels, outChannels, kernelSize, groups);
        (Stride, Padding, OutputPadding, Dilation) = (stride ?? 1, padding ?? 0, outputPadding ?? 0, dilation ?? 1);
        (Weight, Bias) = ConvParameters.Create(this, inChannels, outChannels, kernelSize.ToArray(), groups, transposed: true, bias, device, dtype);
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Kernel size (h, w).</summary>
    public Pair KernelSize { get; }

    /// <summary>Stride (h, w). Defaults to 1.</summary>
    public Pair Stride { get; }

    /// <summary>Implicit zero padding removed from both sides of the output: dilation·(kernel-1)-padding. Defaults to 0.</summary>
    public Pair Padding { get; }

    /// <summary>Extra size added to one side of the output. Defaults to 0.</summary>
    public Pair OutputPadding { get; }

    /// <summary>Spacing between kernel elements (h, w). Defaults to 1.</summary>
    public Pair Dilation { get; }

    /// <summary>Number of blocked connections from input to output channels. Defaults to 1.</summary>
    public long Groups { get; }

    /// <summary>The weight, shape (in, out/groups, kH, kW).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, shape (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the parameters the way PyTorch initializes them.</summary>
    public void ResetParameters() => ConvParameters.Reset(Weight, Bias);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, kernel_size={KernelSize}, stride={Stride}" + (Padding != (Pair)0 ? $", padding={Padding}" : string.Empty) + (OutputPadding != (Pair)0 ? $", output_padding={OutputPadding}" : string.Empty) + (Dilation != (Pair)1 ? $", dilation={Dilation}" : string.Empty) + (Groups != 1 ? $", groups={Groups}" : string.Empty) + (Bias is null ? ", bias=False" : string.Empty);
}
