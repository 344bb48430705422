using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

// Area tensor: reductions, sorting, top-k (tensor_reduce.cpp).
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sum(TensorHandle t, int dtype);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mean(TensorHandle t, int dtype);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_prod(TensorHandle t, int dtype);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_sum_dims(TensorHandle t, long* dims, int ndims, int keepdim, int dtype);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_mean_dims(TensorHandle t, long* dims, int ndims, int keepdim, int dtype);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_std(TensorHandle t, int unbiased);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_var(TensorHandle t, int unbiased);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_std_dims(TensorHandle t, long* dims, int ndims, int unbiased, int keepdim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_var_dims(TensorHandle t, long* dims, int ndims, int unbiased, int keepdim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_norm(TensorHandle t, double p);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_norm_dims(TensorHandle t, double p, long* dims, int ndims, int keepdim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_max(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_min(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_max_dim(TensorHandle t, long dim, int keepdim, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_min_dim(TensorHandle t, long dim, int keepdim, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_argmax(TensorHandle t, long dim, int hasDim, int keepdim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_argmin(TensorHandle t, long dim, int hasDim, int keepdim);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_topk(TensorHandle t, long k, long dim, int largest, int sorted, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_sort(TensorHandle t, long dim, int descending, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_argsort(TensorHandle t, long dim, int descending);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_cumsum(TensorHandle t, long dim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_all(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_any(TensorHandle t);
}
