using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

// Area tensor: in-place ops (tensor_inplace.cpp). Each returns 0 or -1.
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_tensor_add_(TensorHandle t, TensorHandle other, double alpha);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_sub_(TensorHandle t, TensorHandle other, double alpha);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_mul_(TensorHandle t, TensorHandle other);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_div_(TensorHandle t, TensorHandle other);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_maximum_(TensorHandle t, TensorHandle other);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_copy_(TensorHandle t, TensorHandle other);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_permute_rows_(TensorHandle t, TensorHandle index);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_add_scalar_(TensorHandle t, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_mul_scalar_(TensorHandle t, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_div_scalar_(TensorHandle t, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_pow_scalar_(TensorHandle t, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_fill_(TensorHandle t, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_addcmul_(TensorHandle t, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_addcdiv_(TensorHandle t, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_sqrt_(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_neg_(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_zero_(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_lerp_(TensorHandle t, TensorHandle end, double weight);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_clamp_(TensorHandle t, double min, int hasMin, double max, int hasMax);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_masked_fill_(TensorHandle t, TensorHandle mask, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_uniform_(TensorHandle t, double from, double to);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_normal_(TensorHandle t, double mean, double std);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_bernoulli_(TensorHandle t, double p);
}
