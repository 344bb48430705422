using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

// Area tensor: views, joining, splitting and indexing (tensor_shape.cpp).
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_view(TensorHandle t, long* shape, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_reshape(TensorHandle t, long* shape, int ndim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_flatten(TensorHandle t, long startDim, long endDim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_squeeze(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_squeeze_dim(TensorHandle t, long dim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_unsqueeze(TensorHandle t, long dim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_permute(TensorHandle t, long* dims, int ndim);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_transpose(TensorHandle t, long dim0, long dim1);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_expand(TensorHandle t, long* shape, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_repeat(TensorHandle t, long* repeats, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_flip(TensorHandle t, long* dims, int ndim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_cat(IntPtr* tensors, int count, long dim);

    [LibraryImport(Library)]
    internal static unsafe partial TensorHandle crc_tensor_stack(IntPtr* tensors, int count, long dim);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_split(TensorHandle t, long splitSize, long dim, IntPtr* output, int capacity);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_split_sizes(TensorHandle t, long* sizes, int count, long dim, IntPtr* output, int capacity);

    [LibraryImport(Library)]
    internal static unsafe partial int crc_tensor_chunk(TensorHandle t, long chunks, long dim, IntPtr* output, int capacity);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_narrow(TensorHandle t, long dim, long start, long length);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_slice(TensorHandle t, long dim, long start, int hasStart, long end, int hasEnd, long step);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_select(TensorHandle t, long dim, long index);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_index_select(TensorHandle t, long dim, TensorHandle index);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_masked_select(TensorHandle t, TensorHandle mask);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_gather(TensorHandle t, long dim, TensorHandle index);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_scatter(TensorHandle t, long dim, TensorHandle index, TensorHandle src);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_scatter_value(TensorHandle t, long dim, TensorHandle index, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_scatter_add(TensorHandle t, long dim, TensorHandle index, TensorHandle src);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_masked_fill(TensorHandle t, TensorHandle mask, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_where(TensorHandle condition, TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_one_hot(TensorHandle t, long numClasses);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_tril(TensorHandle t, long diagonal);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_triu(TensorHandle t, long diagonal);
}
