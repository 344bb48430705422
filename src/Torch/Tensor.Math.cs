using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting (<c>torch.add(a, b, alpha=alpha)</c>).</summary>
    public Tensor Add(Tensor other, double alpha = 1.0) => new(NativeMethods.crc_tensor_add(Handle, H(other), alpha));

    /// <summary>Adds a scalar to every element (<c>tensor + s</c>).</summary>
    public Tensor Add(Scalar other) => new(NativeMethods.crc_tensor_add_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise difference with broadcasting (<c>torch.sub(a, b, alpha=alpha)</c>).</summary>
    public Tensor Sub(Tensor other, double alpha = 1.0) => new(NativeMethods.crc_tensor_sub(Handle, H(other), alpha));

    /// <summary>Subtracts a scalar from every element (<c>tensor - s</c>).</summary>
    public Tensor Sub(Scalar other) => new(NativeMethods.crc_tensor_sub_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise product with broadcasting (<c>torch.mul</c>).</summary>
    public Tensor Mul(Tensor other) => new(NativeMethods.crc_tensor_mul(Handle, H(other)));

    /// <summary>Multiplies every element by a scalar (<c>tensor * s</c>).</summary>
    public Tensor Mul(Scalar other) => new(NativeMethods.crc_tensor_mul_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise true division with broadcasting (<c>torch.div</c>).</summary>
    public Tensor Div(Tensor other) => new(NativeMethods.crc_tensor_div(Handle, H(other)));

    /// <summary>Divides every element by a scalar (<c>tensor / s</c>).</summary>
    public Tensor Div(Scalar other) => new(NativeMethods.crc_tensor_div_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Python-style remainder, with the sign of the divisor (<c>torch.remainder</c>).</summary>
    public Tensor Remainder(Tensor other) => new(NativeMethods.crc_tensor_remainder(Handle, H(other)));

    /// <summary>Python-style remainder by a scalar (<c>tensor % s</c>).</summary>
    public Tensor Remainder(Scalar other) => new(NativeMethods.crc_tensor_remainder_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise power (<c>torch.pow(tensor, exponent)</c>).</summary>
    public Tensor Pow(Tensor exponent) => new(NativeMethods.crc_tensor_pow(Handle, H(exponent)));

    /// <summary>Raises every element to a scalar power (<c>tensor ** s</c>).</summary>
    public Tensor Pow(Scalar exponent) => new(NativeMethods.crc_tensor_pow_scalar(Handle, exponent.Bits, exponent.KindCode));

    /// <summary>Elementwise maximum of two tensors (<c>torch.maximum</c>).</summary>
    public Tensor Maximum(Tensor other) => new(NativeMethods.crc_tensor_maximum(Handle, H(other)));

    /// <summary>Elementwise minimum of two tensors (<c>torch.minimum</c>).</summary>
    public Tensor Minimum(Tensor other) => new(NativeMethods.crc_tensor_minimum(Handle, H(other)));

    /// <summary>Matrix product with broadcasting over batch dimensions (<c>torch.matmul</c>).</summary>
    public Tensor MatMul(Tensor other) => new(NativeMethods.crc_tensor_matmul(Handle, H(other)));

    /// <summary>Product of two matrices, no broadcasting (<c>torch.mm</c>).</summary>
    public Tensor Mm(Tensor other) => new(NativeMethods.crc_tensor_mm(Handle, H(other)));

    /// <summary>Batched matrix product of [b, n, m] and [b, m, p] (<c>torch.bmm</c>).</summary>
    public Tensor Bmm(Tensor other) => new(NativeMethods.crc_tensor_bmm(Handle, H(other)));

    /// <summary>Outer product of two vectors (<c>torch.outer</c>).</summary>
    public Tensor Outer(Tensor other) => new(NativeMethods.crc_tensor_outer(Handle, H(other)));

    /// <summary>Clamps every element into [min, max]; a null bound is open (<c>torch.clamp</c>).</summary>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("Clamp needs at least one of min and max.", nameof(min));
        }

        return new(NativeMethods.crc_tensor_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
    }

    /// <summary>Same as <see cref="Clamp"/> (<c>torch.clip</c>).</summary>
    public Tensor Clip(double? min = null, double? max = null) => Clamp(min, max);

    /// <summary>Linear interpolation <c>this + weight * (end - this)</c> (<c>torch.lerp</c>).</summary>
    public Tensor Lerp(Tensor end, double weight) => new(NativeMethods.crc_tensor_lerp(Handle, H(end), weight));

    /// <summary>Elementwise negation (<c>-tensor</c>).</summary>
    public Tensor Neg() => new(NativeMethods.crc_tensor_neg(Handle));

    /// <summary>Elementwise e^x (<c>torch.exp</c>).</summary>
    public Tensor Exp() => new(NativeMethods.crc_tensor_exp(Handle));

    /// <summary>Elementwise natural logarithm (<c>torch.log</c>).</summary>
    public Tensor Log() => new(NativeMethods.crc_tensor_log(Handle));

    /// <summary>Elementwise base-2 logarithm (<c>torch.log2</c>).</summary>
    public Tensor Log2() => new(NativeMethods.crc_tensor_log2(Handle));

    /// <summary>Elementwise base-10 logarithm (<c>torch.log10</c>).</summary>
    public Tensor Log10() => new(NativeMethods.crc_tensor_log10(Handle));

    /// <summary>Elementwise log(1 + x), accurate near zero (<c>torch.log1p</c>).</summary>
    public Tensor Log1p() => new(NativeMethods.crc_tensor_log1p(Handle));

    /// <summary>Elementwise e^x - 1, accurate near zero (<c>torch.expm1</c>).</summary>
    public Tensor Expm1() => new(NativeMethods.crc_tensor_expm1(Handle));

    /// <summary>Elementwise square root (<c>torch.sqrt</c>).</summary>
    public Tensor Sqrt() => new(NativeMethods.crc_tensor_sqrt(Handle));

    /// <summary>Elementwise 1 / sqrt(x) (<c>torch.rsqrt</c>).</summary>
    public Tensor Rsqrt() => new(NativeMethods.crc_tensor_rsqrt(Handle));

    /// <summary>Elementwise x² (<c>torch.square</c>).</summary>
    public Tensor Square() => new(NativeMethods.crc_tensor_square(Handle));

    /// <summary>Elementwise absolute value (<c>torch.abs</c>).</summary>
    public Tensor Abs() => new(NativeMethods.crc_tensor_abs(Handle));

    /// <summary>Elementwise sign: -1, 0 or 1 (<c>torch.sign</c>).</summary>
    public Tensor Sign() => new(NativeMethods.crc_tensor_sign(Handle));

    /// <summary>Elementwise 1 / x (<c>torch.reciprocal</c>).</summary>
    public Tensor Reciprocal() => new(NativeMethods.crc_tensor_reciprocal(Handle));

    /// <summary>Elementwise floor (<c>torch.floor</c>).</summary>
    public Tensor Floor() => new(NativeMethods.crc_tensor_floor(Handle));

    /// <summary>Elementwise ceiling (<c>torch.ceil</c>).</summary>
    public Tensor Ceil() => new(NativeMethods.crc_tensor_ceil(Handle));

    /// <summary>Elementwise rounding, halves to even (<c>torch.round</c>).</summary>
    public Tensor Round() => new(NativeMethods.crc_tensor_round(Handle));

    /// <summary>Elementwise truncation toward zero (<c>torch.trunc</c>).</summary>
    public Tensor Trunc() => new(NativeMethods.crc_tensor_trunc(Handle));

    /// <summary>Elementwise fractional part (<c>torch.frac</c>).</summary>
    public Tensor Frac() => new(NativeMethods.crc_tensor_frac(Handle));

    /// <summary>Elementwise sine (<c>torch.sin</c>).</summary>
    public Tensor Sin() => new(NativeMethods.crc_tensor_sin(Handle));

    /// <summary>Elementwise cosine (<c>torch.cos</c>).</summary>
    public Tensor Cos() => new(NativeMethods.crc_tensor_cos(Handle));

    /// <summary>Elementwise tangent (<c>torch.tan</c>).</summary>
    public Tensor Tan() => new(NativeMethods.crc_tensor_tan(Handle));

    /// <summary>Elementwise arcsine (<c>torch.asin</c>).</summary>
    public Tensor Asin() => new(NativeMethods.crc_tensor_asin(Handle));

    /// <summary>Elementwise arccosine (<c>torch.acos</c>).</summary>
    public Tensor Acos() => new(NativeMethods.crc_tensor_acos(Handle));

    /// <summary>Elementwise arctangent (<c>torch.atan</c>).</summary>
    public Tensor Atan() => new(NativeMethods.crc_tensor_atan(Handle));

    /// <summary>Elementwise hyperbolic sine (<c>torch.sinh</c>).</summary>
    public Tensor Sinh() => new(NativeMethods.crc_tensor_sinh(Handle));

    /// <summary>Elementwise hyperbolic cosine (<c>torch.cosh</c>).</summary>
    public Tensor Cosh() => new(NativeMethods.crc_tensor_cosh(Handle));

    /// <summary>Elementwise hyperbolic tangent (<c>torch.tanh</c>).</summary>
    public Tensor Tanh() => new(NativeMethods.crc_tensor_tanh(Handle));

    /// <summary>Elementwise logistic function (<c>torch.sigmoid</c>).</summary>
    public Tensor Sigmoid() => new(NativeMethods.crc_tensor_sigmoid(Handle));

    /// <summary>Elementwise max(x, 0) (<c>torch.relu</c>).</summary>
    public Tensor Relu() => new(NativeMethods.crc_tensor_relu(Handle));

    /// <summary>Elementwise Gauss error function (<c>torch.erf</c>).</summary>
    public Tensor Erf() => new(NativeMethods.crc_tensor_erf(Handle));

    /// <summary>Elementwise logical not, as bool (<c>torch.logical_not</c>).</summary>
    public Tensor LogicalNot() => new(NativeMethods.crc_tensor_logical_not(Handle));

    /// <summary>Elementwise logical and, as bool (<c>torch.logical_and</c>).</summary>
    public Tensor LogicalAnd(Tensor other) => new(NativeMethods.crc_tensor_logical_and(Handle, H(other)));

    /// <summary>Elementwise logical or, as bool (<c>torch.logical_or</c>).</summary>
    public Tensor LogicalOr(Tensor other) => new(NativeMethods.crc_tensor_logical_or(Handle, H(other)));

    /// <summary>Elementwise logical exclusive or, as bool (<c>torch.logical_xor</c>).</summary>
    public Tensor LogicalXor(Tensor other) => new(NativeMethods.crc_tensor_logical_xor(Handle, H(other)));

    /// <summary>Which elements are NaN (<c>torch.isnan</c>).</summary>
    public Tensor IsNan() => new(NativeMethods.crc_tensor_isnan(Handle));

    /// <summary>Which elements are infinite (<c>torch.isinf</c>).</summary>
    public Tensor IsInf() => new(NativeMethods.crc_tensor_isinf(Handle));

    /// <summary>Which elements are finite (<c>torch.isfinite</c>).</summary>
    public Tensor IsFinite() => new(NativeMethods.crc_tensor_isfinite(Handle));

    /// <summary>Elementwise <c>this == other</c> as a bool tensor (<c>torch.eq</c>).</summary>
    public Tensor Eq(Tensor other) => new(NativeMethods.crc_tensor_eq(Handle, H(other)));

    /// <summary>Elementwise <c>this == s</c> as a bool tensor.</summary>
    public Tensor Eq(Scalar other) => new(NativeMethods.crc_tensor_eq_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise <c>this != other</c> as a bool tensor (<c>torch.ne</c>).</summary>
    public Tensor Ne(Tensor other) => new(NativeMethods.crc_tensor_ne(Handle, H(other)));

    /// <summary>Elementwise <c>this != s</c> as a bool tensor.</summary>
    public Tensor Ne(Scalar other) => new(NativeMethods.crc_tensor_ne_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise <c>this &lt; other</c> as a bool tensor (<c>torch.lt</c>).</summary>
    public Tensor Lt(Tensor other) => new(NativeMethods.crc_tensor_lt(Handle, H(other)));

    /// <summary>Elementwise <c>this &lt; s</c> as a bool tensor.</summary>
    public Tensor Lt(Scalar other) => new(NativeMethods.crc_tensor_lt_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise <c>this &lt;= other</c> as a bool tensor (<c>torch.le</c>).</summary>
    public Tensor Le(Tensor other) => new(NativeMethods.crc_tensor_le(Handle, H(other)));

    /// <summary>Elementwise <c>this &lt;= s</c> as a bool tensor.</summary>
    public Tensor Le(Scalar other) => new(NativeMethods.crc_tensor_le_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise <c>this &gt; other</c> as a bool tensor (<c>torch.gt</c>).</summary>
    public Tensor Gt(Tensor other) => new(NativeMethods.crc_tensor_gt(Handle, H(other)));

    /// <summary>Elementwise <c>this &gt; s</c> as a bool tensor.</summary>
    public Tensor Gt(Scalar other) => new(NativeMethods.crc_tensor_gt_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Elementwise <c>this &gt;= other</c> as a bool tensor (<c>torch.ge</c>).</summary>
    public Tensor Ge(Tensor other) => new(NativeMethods.crc_tensor_ge(Handle, H(other)));

    /// <summary>Elementwise <c>this &gt;= s</c> as a bool tensor.</summary>
    public Tensor Ge(Scalar other) => new(NativeMethods.crc_tensor_ge_scalar(Handle, other.Bits, other.KindCode));

    /// <summary>Softmax along <paramref name="dim"/> (<c>torch.softmax</c>), optionally computed in <paramref name="dtype"/>.</summary>
    public Tensor Softmax(long dim, ScalarType? dtype = null) => new(NativeMethods.crc_tensor_softmax(Handle, dim, dtype.HasValue ? (int)dtype.Value : -1));

    /// <summary>Log of the softmax along <paramref name="dim"/>, computed stably (<c>torch.log_softmax</c>).</summary>
    public Tensor LogSoftmax(long dim, ScalarType? dtype = null) => new(NativeMethods.crc_tensor_log_softmax(Handle, dim, dtype.HasValue ? (int)dtype.Value : -1));
}
