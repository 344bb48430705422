using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

// Area tensor: creation, metadata and data access (crc_tensor.h, tensor.cpp).
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial void crc_tensor_free(IntPtr t);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_from_data(void* data, int dtype, long* shape, int ndim, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_empty(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_full(long* shape, int ndim, long sBits, int sKind, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_arange(long startBits, long endBits, long stepBits, int kind, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_eye(long n, long m, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_rand(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_randn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_randint(long low, long high, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_randperm(long n, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_zeros_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ones_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_empty_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_full_like(TensorHandle t, long sBits, int sKind, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_rand_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_randn_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_dim(TensorHandle t);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_sizes(TensorHandle t, long* output, int capacity);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_strides(TensorHandle t, long* output, int capacity);

    [LibraryImport(Library)]
    internal static partial long crc_tensor_size(TensorHandle t, long dim);

    [LibraryImport(Library)]
    internal static partial long crc_tensor_numel(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_dtype(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_device(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_is_contiguous(TensorHandle t);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_copy_to(TensorHandle t, void* output, long numel);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_item_double(TensorHandle t, out double value);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_item_int64(TensorHandle t, out long value);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int copy);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_clone(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_contiguous(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_alias(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_set_data(TensorHandle t, TensorHandle source);
}
