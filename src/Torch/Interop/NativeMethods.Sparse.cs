using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_coo_tensor(TensorHandle indices, TensorHandle values, long* size, int ndim);

    [LibraryImport(Library)]
    internal static partial int crc_sparse_is_sparse(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_coalesce(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_indices(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_values(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_mask(TensorHandle t, TensorHandle mask);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_sparse_to_dense(TensorHandle t);
}
