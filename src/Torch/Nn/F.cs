using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// The functional forms of the layers and activations (<c>torch.nn.functional</c>, imported as
/// <c>F</c> in PyTorch code): stateless functions that take the parameters as arguments. Every
/// module of <see cref="Crucible.Torch.Nn"/> is a thin owner of parameters around one of these.
/// </summary>
#pragma warning disable CA1724 // Named like PyTorch's customary `import torch.nn.functional as F`.
public static partial class F
#pragma warning restore CA1724
{
    /// <summary><c>y = x Wᵀ + b</c> (<c>F.linear</c>).</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        new(NativeMethods.crc_nn_linear(Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias)));

    /// <summary><c>y = x1ᵀ A x2 + b</c> (<c>F.bilinear</c>).</summary>
    public static Tensor Bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias = null) =>
        new(NativeMethods.crc_nn_bilinear(Tensor.H(input1), Tensor.H(input2), Tensor.H(weight), NativeMethods.Opt(bias)));

    /// <summary>1-D convolution over (N, C, L) or (C, L) input (<c>F.conv1d</c>).</summary>
    public static unsafe Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
    {
        var (s, p, d) = (stride, padding, dilation);
        return new(NativeMethods.crc_nn_conv(1, Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias), &s, &p, &d, 1, groups, 0));
    }

    /// <summary>1-D convolution with <c>padding="same"</c> or <c>"valid"</c> (<c>F.conv1d</c>).</summary>
    public static unsafe Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias, long stride, string padding, long dilation = 1, long groups = 1)
    {
        var same = IsSame(padding);
        long zero = 0;
        var (s, d) = (stride, dilation);
        return new(NativeMethods.crc_nn_conv(1, Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias), &s, &zero, &d, 1, groups, same ? 1 : 0));
    }

    /// <summary>2-D convolution over (N, C, H, W) or (C, H, W) input (<c>F.conv2d</c>).</summary>
    public static unsafe Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Pair? padding = null, Pair? dilation = null, long groups = 1)
    {
        var s = (stride ?? 1).ToArray();
        var p = (padding ?? 0).ToArray();
        var d = (dilation ?? 1).ToArray();
        fixed (long* ps = s, pp = p, pd = d)
        {
            return new(NativeMethods.crc_nn_conv(2, Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias), ps, pp, pd, 2, groups, 0));
        }
    }

    /// <summary>2-D convolution with <c>padding="same"</c> or <c>"valid"</c> (<c>F.conv2d</c>).</summary>
    public static unsafe Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Pair stride, string padding, Pair? dilation = null, long groups = 1)
    {
        var same = IsSame(padding);
        var s = stride.ToArray();
        var p = new long[2];
        var d = (dilation ?? 1).ToArray();
        fixed (long* ps = s, pp = p, pd = d)
        {
            return new(NativeMethods.crc_nn_conv(2, Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias), ps, pp, pd, 2, groups, same ? 1 : 0));
        }
    }

    /// <summary>2-D transposed convolution, "deconvolution" (<c>F.conv_transpose2d</c>).</summary>
    public static unsafe Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, Pair? stride = null, Pair? padding = null, Pair? outputPadding = null, long groups = 1, Pair? dilation = null)
    {
        var s = (stride ?? 1).ToArray();
        var p = (padding ?? 0).ToArray();
        var o = (outputPadding ?? 0).ToArray();
        var d = (dilation ?? 1).ToArray();
        fixed (long* ps = s, pp = p, po = o, pd = d)
        {
            return new(NativeMethods.crc_nn_conv_transpose2d(Tensor.H(input), Tensor.H(weight), NativeMethods.Opt(bias), ps, pp, po, pd, groups));
        }
    }

    /// <summary>1-D max pooling (<c>F.max_pool1d</c>); <paramref name="stride"/> defaults to the kernel size.</summary>
    public static unsafe Tensor MaxPool1d(Tensor input, long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    {
        var (k, s, p, d) = (kernelSize, stride ?? kernelSize, padding, dilation);
        return new(NativeMethods.crc_nn_max_pool(1, Tensor.H(input), &k, &s, &p, &d, 1, ceilMode ? 1 : 0));
    }

    /// <summary>2-D max pooling (<c>F.max_pool2d</c>); <paramref name="stride"/> defaults to the kernel size.</summary>
    public static unsafe Tensor MaxPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair? padding = null, Pair? dilation = null, bool ceilMode = false)
    {
        var k = kernelSize.ToArray();
        var s = (stride ?? kernelSize).ToArray();
        var p = (padding ?? 0).ToArray();
        var d = (dilation ?? 1).ToArray();
        fixed (long* pk = k, ps = s, pp = p, pd = d)
        {
            return new(NativeMethods.crc_nn_max_pool(2, Tensor.H(input), pk, ps, pp, pd, 2, ceilMode ? 1 : 0));
        }
    }

    /// <summary>2-D average pooling (<c>F.avg_pool2d</c>); <paramref name="stride"/> defaults to the kernel size.</summary>
    public static unsafe Tensor AvgPool2d(Tensor input, Pair kernelSize, Pair? stride = null, Pair? padding = null, bool ceilMode = false, bool countIncludePad = true, long? divisorOverride = null)
    {
        var k = kernelSize.ToArray();
        var s = (stride ?? kernelSize).ToArray();
        var p = (padding ?? 0).ToArray();
        fixed (long* pk = k, ps = s, pp = p)
        {
            return new(NativeMethods.crc_nn_avg_pool2d(Tensor.H(input), pk, ps, pp, ceilMode ? 1 : 0, countIncludePad ? 1 : 0, divisorOverride ?? 0));
        }
    }

    /// <summary>2-D average pooling to a fixed output size (<c>F.adaptive_avg_pool2d</c>).</summary>
    public static unsafe Tensor AdaptiveAvgPool2d(Tensor input, Pair outputSize)
    {
        var o = outputSize.ToArray();
        fixed (long* po = o)
        {
            return new(NativeMethods.crc_nn_adaptive_avg_pool2d(Tensor.H(input), po));
        }
    }

    /// <summary>
    /// Batch normalization (<c>F.batch_norm</c>). In training it normalizes with the batch
    /// statistics and, when given, updates <paramref name="runningMean"/>/<paramref name="runningVar"/>
    /// in place with <paramref name="momentum"/>; otherwise it normalizes with the running statistics.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        if (training)
        {
            VerifyBatchSize(input);
        }

        return new(NativeMethods.crc_nn_batch_norm(Tensor.H(input), NativeMethods.Opt(runningMean), NativeMethods.Opt(runningVar), NativeMethods.Opt(weight), NativeMethods.Opt(bias), training ? 1 : 0, momentum, eps));
    }

    /// <summary>
    /// PyTorch's <c>F.batch_norm</c> refuses one value per channel in training; libtorch's C++ call
    /// does not, and stores a NaN running variance (the unbiased variance of one value) that makes
    /// every later evaluation NaN. Typically a last training batch of a single sample.
    /// </summary>
    private static void VerifyBatchSize(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.Shape;
        var values = shape.Length == 0 ? 1 : shape[0];
        for (var i = 2; i < shape.Length; i++)
        {
            values *= shape[i];
        }

        if (values == 1)
        {
            throw new ArgumentException(
                $"Expected more than 1 value per channel when training, got input size [{string.Join(", ", shape)}] (a batch of one sample: choose a batch size that leaves no single sample in the last batch).",
                nameof(input));
        }
    }

    /// <summary>Layer normalization over the trailing <paramref name="normalizedShape"/> dimensions (<c>F.layer_norm</c>).</summary>
    public static unsafe Tensor LayerNorm(Tensor input, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        fixed (long* s = normalizedShape)
        {
            return new(NativeMethods.crc_nn_layer_norm(Tensor.H(input), s, normalizedShape.Length, NativeMethods.Opt(weight), NativeMethods.Opt(bias), eps));
        }
    }

    /// <summary>Group normalization over channel groups (<c>F.group_norm</c>).</summary>
    public static Tensor GroupNorm(Tensor input, long numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        new(NativeMethods.crc_nn_group_norm(Tensor.H(input), numGroups, NativeMethods.Opt(weight), NativeMethods.Opt(bias), eps));

    /// <summary>
    /// Zeroes elements with probability <paramref name="p"/> and scales the rest by 1/(1-p) when
    /// <paramref name="training"/>; the identity otherwise (<c>F.dropout</c>).
    /// </summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true)
    {
        CheckProbability(p);
        return new(NativeMethods.crc_nn_dropout(Tensor.H(input), p, training ? 1 : 0, 0));
    }

    /// <summary>Zeroes whole channels of (N, C, H, W) input with probability <paramref name="p"/> (<c>F.dropout2d</c>).</summary>
    public static Tensor Dropout2d(Tensor input, double p = 0.5, bool training = true)
    {
        CheckProbability(p);
        return new(NativeMethods.crc_nn_dropout(Tensor.H(input), p, training ? 1 : 0, 1));
    }

    /// <summary>Flattens dimensions <paramref name="startDim"/> to <paramref name="endDim"/> into one (<c>torch.flatten</c>).</summary>
    public static Tensor Flatten(Tensor input, long startDim = 0, long endDim = -1) =>
        new(NativeMethods.crc_nn_flatten(Tensor.H(input), startDim, endDim));

    /// <summary>
    /// Looks up rows of <paramref name="weight"/> by the int64 indices in <paramref name="input"/>
    /// (<c>F.embedding</c>). The row <paramref name="paddingIdx"/> receives no gradient; with
    /// <paramref name="sparse"/> the gradient of <paramref name="weight"/> is a sparse tensor.
    /// </summary>
    public static Tensor Embedding(Tensor input, Tensor weight, long? paddingIdx = null, bool scaleGradByFreq = false, bool sparse = false)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var padding = -1L;
        if (paddingIdx is long idx)
        {
            var rows = weight.Shape[0];
            ArgumentOutOfRangeException.ThrowIfLessThan(idx, -rows, nameof(paddingIdx));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(idx, rows, nameof(paddingIdx));
            padding = idx < 0 ? idx + rows : idx;
        }

        return new(NativeMethods.crc_nn_embedding(Tensor.H(weight), Tensor.H(input), padding, scaleGradByFreq ? 1 : 0, sparse ? 1 : 0));
    }

    private static void CheckProbability(double p)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The dropout probability must be between 0 and 1.");
        }
    }

    private static bool IsSame(string padding)
    {
        ArgumentNullException.ThrowIfNull(padding);
        return padding switch
        {
            "same" => true,
            "valid" => false,
            _ => throw new ArgumentException($"Unknown padding '{padding}'. Expected \"same\", \"valid\" or a number.", nameof(padding)),
        };
    }
}
