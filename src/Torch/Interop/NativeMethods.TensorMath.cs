using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

// Area tensor: elementwise math, comparisons, matrix products, softmax (tensor_math.cpp).
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_add(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sub(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mul(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_div(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_remainder(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_pow(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_maximum(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_minimum(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_matmul(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mm(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_bmm(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_outer(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_logical_and(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_logical_or(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_logical_xor(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_eq(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ne(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_lt(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_le(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_gt(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ge(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_add_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sub_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_rsub_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_mul_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_div_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_rdiv_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_remainder_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_pow_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_rpow_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_eq_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ne_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_lt_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_le_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_gt_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ge_scalar(TensorHandle a, long sBits, int sKind);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_neg(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_exp(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_log(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_log2(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_log10(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_log1p(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_expm1(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sqrt(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_rsqrt(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_square(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_abs(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sign(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_reciprocal(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_floor(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_ceil(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_round(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_trunc(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_frac(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sin(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_cos(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_tan(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_asin(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_acos(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_atan(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sinh(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_cosh(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_tanh(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_sigmoid(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_relu(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_erf(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_logical_not(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_isnan(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_isinf(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_isfinite(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_t(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_clamp(TensorHandle t, double min, int hasMin, double max, int hasMax);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_lerp(TensorHandle start, TensorHandle end, double weight);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_equal(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int equalNan);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_softmax(TensorHandle t, long dim, int dtype);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_log_softmax(TensorHandle t, long dim, int dtype);
}
