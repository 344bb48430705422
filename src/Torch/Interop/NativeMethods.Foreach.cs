using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_foreach_add_scalar_(IntPtr* self, int n, double scalar);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_add_scalar(IntPtr* self, int n, double scalar, IntPtr* output);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_add_list_(IntPtr* self, IntPtr* other, int n, double alpha);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_add_list(IntPtr* self, IntPtr* other, int n, double alpha, IntPtr* output);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_mul_scalar_(IntPtr* self, int n, double scalar);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_mul_list_(IntPtr* self, IntPtr* other, int n);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_div_scalarlist_(IntPtr* self, int n, double* scalars);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_addcmul_scalar_(IntPtr* self, IntPtr* tensor1, IntPtr* tensor2, int n, double value);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_addcdiv_scalarlist_(IntPtr* self, IntPtr* tensor1, IntPtr* tensor2, int n, double* scalars);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_sqrt(IntPtr* self, int n, IntPtr* output);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_neg(IntPtr* self, int n, IntPtr* output);

    [LibraryImport(Library)]
    internal static partial int crc_foreach_zero_(IntPtr* self, int n);
}
