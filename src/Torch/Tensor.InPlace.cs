using Crucible.Torch.Interop;

namespace Crucible.Torch;

// In-place ops modify this tensor and return it, like PyTorch's trailing-underscore methods.
// They are what optimizers and initializers are built from; on a leaf that requires grad they
// must run under torch.NoGrad().
public sealed partial class Tensor
{
    /// <summary>this += alpha * other (<c>tensor.add_</c>).</summary>
    public Tensor Add_(Tensor other, double alpha = 1.0) => Done(NativeMethods.crc_tensor_add_(Handle, H(other), alpha));

    /// <summary>this += s (<c>tensor.add_</c>).</summary>
    public Tensor Add_(Scalar other) => Done(NativeMethods.crc_tensor_add_scalar_(Handle, other.Bits, other.KindCode));

    /// <summary>this -= alpha * other (<c>tensor.sub_</c>).</summary>
    public Tensor Sub_(Tensor other, double alpha = 1.0) => Done(NativeMethods.crc_tensor_sub_(Handle, H(other), alpha));

    /// <summary>this -= s (<c>tensor.sub_</c>).</summary>
    public Tensor Sub_(Scalar other) => Add_(other.IsFloatingPoint ? Scalar.FromDouble(-other.ToDouble()) : Scalar.FromInt64(-other.Bits));

    /// <summary>this *= other (<c>tensor.mul_</c>).</summary>
    public Tensor Mul_(Tensor other) => Done(NativeMethods.crc_tensor_mul_(Handle, H(other)));

    /// <summary>this *= s (<c>tensor.mul_</c>).</summary>
    public Tensor Mul_(Scalar other) => Done(NativeMethods.crc_tensor_mul_scalar_(Handle, other.Bits, other.KindCode));

    /// <summary>this /= other (<c>tensor.div_</c>).</summary>
    public Tensor Div_(Tensor other) => Done(NativeMethods.crc_tensor_div_(Handle, H(other)));

    /// <summary>this /= s (<c>tensor.div_</c>).</summary>
    public Tensor Div_(Scalar other) => Done(NativeMethods.crc_tensor_div_scalar_(Handle, other.Bits, other.KindCode));

    /// <summary>this = this ** s (<c>tensor.pow_</c>).</summary>
    public Tensor Pow_(Scalar exponent) => Done(NativeMethods.crc_tensor_pow_scalar_(Handle, exponent.Bits, exponent.KindCode));

    /// <summary>this += value * a * b (<c>tensor.addcmul_</c>).</summary>
    public Tensor AddCMul_(Tensor a, Tensor b, double value = 1.0) => Done(NativeMethods.crc_tensor_addcmul_(Handle, H(a), H(b), value));

    /// <summary>this += value * a / b (<c>tensor.addcdiv_</c>).</summary>
    public Tensor AddCDiv_(Tensor a, Tensor b, double value = 1.0) => Done(NativeMethods.crc_tensor_addcdiv_(Handle, H(a), H(b), value));

    /// <summary>this += weight * (end - this) (<c>tensor.lerp_</c>).</summary>
    public Tensor Lerp_(Tensor end, double weight) => Done(NativeMethods.crc_tensor_lerp_(Handle, H(end), weight));

    /// <summary>Clamps in place; a null bound is open (<c>tensor.clamp_</c>).</summary>
    public Tensor Clamp_(double? min = null, double? max = null)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("Clamp_ needs at least one of min and max.", nameof(min));
        }

        return Done(NativeMethods.crc_tensor_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
    }

    /// <summary>this = max(this, other) elementwise (<c>torch.maximum(t, o, out=t)</c>).</summary>
    public Tensor Maximum_(Tensor other) => Done(NativeMethods.crc_tensor_maximum_(Handle, H(other)));

    /// <summary>Square root in place (<c>tensor.sqrt_</c>).</summary>
    public Tensor Sqrt_() => Done(NativeMethods.crc_tensor_sqrt_(Handle));

    /// <summary>Negation in place (<c>tensor.neg_</c>).</summary>
    public Tensor Neg_() => Done(NativeMethods.crc_tensor_neg_(Handle));

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor, broadcasting and converting (<c>tensor.copy_</c>).</summary>
    public Tensor Copy_(Tensor source) => Done(NativeMethods.crc_tensor_copy_(Handle, H(source)));

    /// <summary>
    /// Reorders the rows (dimension 0) in place so that row i holds what row <c>index[i]</c> held: the
    /// result of <c>tensor.copy_(tensor.index_select(0, index))</c> without a second copy of the tensor
    /// (a contiguous CPU tensor moves its rows along the permutation's cycles). <paramref name="index"/>
    /// must be a permutation of <c>0..Size(0)-1</c>.
    /// </summary>
    public Tensor PermuteRows_(Tensor index) => Done(NativeMethods.crc_tensor_permute_rows_(Handle, H(index)));

    /// <summary>Sets every element to zero (<c>tensor.zero_</c>).</summary>
    public Tensor Zero_() => Done(NativeMethods.crc_tensor_zero_(Handle));

    /// <summary>Sets every element to <paramref name="value"/> (<c>tensor.fill_</c>).</summary>
    public Tensor Fill_(Scalar value) => Done(NativeMethods.crc_tensor_fill_(Handle, value.Bits, value.KindCode));

    /// <summary>Writes <paramref name="value"/> where <paramref name="mask"/> is true (<c>tensor.masked_fill_</c>).</summary>
    public Tensor MaskedFill_(Tensor mask, Scalar value) => Done(NativeMethods.crc_tensor_masked_fill_(Handle, H(mask), value.Bits, value.KindCode));

    /// <summary>Fills with samples from U(from, to) using the seeded generator (<c>tensor.uniform_</c>).</summary>
    public Tensor Uniform_(double from = 0, double to = 1) => Done(NativeMethods.crc_tensor_uniform_(Handle, from, to));

    /// <summary>Fills with samples from N(mean, std²) using the seeded generator (<c>tensor.normal_</c>).</summary>
    public Tensor Normal_(double mean = 0, double std = 1) => Done(NativeMethods.crc_tensor_normal_(Handle, mean, std));

    /// <summary>Fills with 1 with probability p, else 0 (<c>tensor.bernoulli_</c>).</summary>
    public Tensor Bernoulli_(double p = 0.5) => Done(NativeMethods.crc_tensor_bernoulli_(Handle, p));

    private Tensor Done(int status)
    {
        NativeMethods.Check(status);
        return this;
    }
}
