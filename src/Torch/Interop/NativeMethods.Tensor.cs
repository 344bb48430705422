using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial void crc_tensor_free(IntPtr t);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_from_data(void* data, int dtype, long* shape, int ndim, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_dim(TensorHandle t);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_sizes(TensorHandle t, long* output);

    [LibraryImport(Library)]
    internal static partial long crc_tensor_numel(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_dtype(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_device_type(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_device_index(TensorHandle t);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_copy_to(TensorHandle t, void* output, long numel);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_add(TensorHandle a, TensorHandle b, double alpha);
}

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sub(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mul(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_div(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_matmul(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sum(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mean(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int copy);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_randn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_rand(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
}
