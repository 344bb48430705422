using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    /// <summary>
    /// An undefined native tensor, passed where PyTorch takes None (a missing bias, no initial
    /// state). A null SafeHandle cannot be marshalled, so optional tensors use this instead. It lives
    /// for the whole process.
    /// </summary>
    internal static TensorHandle NoTensor => UndefinedTensor.Handle;

    /// <summary>The handle of <paramref name="tensor"/>, or <see cref="NoTensor"/> for null.</summary>
    internal static TensorHandle Opt(Tensor? tensor) => tensor is null ? NoTensor : tensor.Handle;

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_undefined();

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_linear(TensorHandle input, TensorHandle weight, TensorHandle bias);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_bilinear(TensorHandle input1, TensorHandle input2, TensorHandle weight, TensorHandle bias);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_conv(int dims, TensorHandle input, TensorHandle weight, TensorHandle bias, long* stride, long* padding, long* dilation, int n, long groups, int paddingSame);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_conv_transpose2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long* stride, long* padding, long* outputPadding, long* dilation, long groups);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_max_pool(int dims, TensorHandle input, long* kernel, long* stride, long* padding, long* dilation, int n, int ceilMode);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_avg_pool2d(TensorHandle input, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad, long divisorOverride);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_adaptive_avg_pool2d(TensorHandle input, long* outputSize);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_batch_norm(TensorHandle input, TensorHandle runningMean, TensorHandle runningVar, TensorHandle weight, TensorHandle bias, int training, double momentum, double eps);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_layer_norm(TensorHandle input, long* normalizedShape, int n, TensorHandle weight, TensorHandle bias, double eps);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_group_norm(TensorHandle input, long numGroups, TensorHandle weight, TensorHandle bias, double eps);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_dropout(TensorHandle input, double p, int training, int feature);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_flatten(TensorHandle input, long startDim, long endDim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_embedding(TensorHandle weight, TensorHandle indices, long paddingIdx, int scaleGradByFreq, int sparse);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial TensorHandle crc_nn_pad(TensorHandle input, long* pad, int n, string mode, double value);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_nn_affine_grid(TensorHandle theta, long* size, int n, int alignCorners);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_grid_sample(TensorHandle input, TensorHandle grid, int mode, int paddingMode, int alignCorners);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_nn_rnn(int mode, TensorHandle input, TensorHandle h0, TensorHandle c0, IntPtr* parameters, int count, int hasBiases, long numLayers, double dropout, int training, int bidirectional, int batchFirst, out TensorHandle output, out TensorHandle h, out TensorHandle c);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_relu(TensorHandle input);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_leaky_relu(TensorHandle input, double negativeSlope);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_elu(TensorHandle input, double alpha);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial TensorHandle crc_nn_gelu(TensorHandle input, string approximate);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_silu(TensorHandle input);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_sigmoid(TensorHandle input);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_tanh(TensorHandle input);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_softmax(TensorHandle input, long dim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_nn_log_softmax(TensorHandle input, long dim);

    [LibraryImport(Library)]
    internal static partial int crc_nn_init_uniform_(TensorHandle t, double low, double high);

    [LibraryImport(Library)]
    internal static partial int crc_nn_init_normal_(TensorHandle t, double mean, double std);

    [LibraryImport(Library)]
    internal static partial int crc_nn_init_constant_(TensorHandle t, double value);

    [LibraryImport(Library)]
    internal static partial int crc_nn_init_fill_row_(TensorHandle t, long index, double value);

    [LibraryImport(Library)]
    internal static partial int crc_nn_copy_(TensorHandle dst, TensorHandle src);

    [LibraryImport(Library)]
    internal static partial int crc_nn_set_data_to(TensorHandle t, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial int crc_nn_add_scalar_(TensorHandle t, double value);
}

/// <summary>Holds the process-wide undefined tensor; created on first use, thread-safely (static initializer).</summary>
internal static class UndefinedTensor
{
    internal static readonly TensorHandle Handle = NativeMethods.Check(NativeMethods.crc_nn_undefined());
}
