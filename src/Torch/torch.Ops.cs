using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>Joins tensors along an existing dimension (<c>torch.cat</c>).</summary>
    public static unsafe Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var refs = new TensorRefs(tensors);
        fixed (IntPtr* p = refs.Pointers)
        {
            return new(NativeMethods.crc_tensor_cat(p, refs.Pointers.Length, dim));
        }
    }

    /// <summary>Joins tensors along a new dimension (<c>torch.stack</c>).</summary>
    public static unsafe Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        using var refs = new TensorRefs(tensors);
        fixed (IntPtr* p = refs.Pointers)
        {
            return new(NativeMethods.crc_tensor_stack(p, refs.Pointers.Length, dim));
        }
    }

    /// <summary>Elements of <paramref name="input"/> where <paramref name="condition"/> holds, else of <paramref name="other"/> (<c>torch.where</c>).</summary>
    public static Tensor Where(Tensor condition, Tensor input, Tensor other) =>
        new(NativeMethods.crc_tensor_where(Crucible.Torch.Tensor.H(condition), Crucible.Torch.Tensor.H(input), Crucible.Torch.Tensor.H(other)));

    /// <summary>Matrix product with broadcasting (<c>torch.matmul</c>).</summary>
    public static Tensor MatMul(Tensor input, Tensor other) => Crucible.Torch.Tensor.H2Public(input).MatMul(other);

    /// <summary>Batched matrix product (<c>torch.bmm</c>).</summary>
    public static Tensor Bmm(Tensor input, Tensor other) => Crucible.Torch.Tensor.H2Public(input).Bmm(other);

    /// <summary>Softmax along <paramref name="dim"/> (<c>torch.softmax</c>).</summary>
    public static Tensor Softmax(Tensor input, long dim) => Crucible.Torch.Tensor.H2Public(input).Softmax(dim);

    /// <summary>Log-softmax along <paramref name="dim"/> (<c>torch.log_softmax</c>).</summary>
    public static Tensor LogSoftmax(Tensor input, long dim) => Crucible.Torch.Tensor.H2Public(input).LogSoftmax(dim);

    /// <summary>A scalar raised to every element's power (<c>torch.pow(self: Number, exponent: Tensor)</c>).</summary>
    public static Tensor Pow(Scalar self, Tensor exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        return new(NativeMethods.crc_tensor_rpow_scalar(exponent.Handle, self.Bits, self.KindCode));
    }

    /// <summary>Elementwise maximum (<c>torch.maximum</c>).</summary>
    public static Tensor Maximum(Tensor input, Tensor other) => Crucible.Torch.Tensor.H2Public(input).Maximum(other);

    /// <summary>Elementwise minimum (<c>torch.minimum</c>).</summary>
    public static Tensor Minimum(Tensor input, Tensor other) => Crucible.Torch.Tensor.H2Public(input).Minimum(other);

    /// <summary>True when both have the same shape and elements (<c>torch.equal</c>).</summary>
    public static bool Equal(Tensor input, Tensor other) => Crucible.Torch.Tensor.H2Public(input).Equal(other);

    /// <summary>True when all elements are close (<c>torch.allclose</c>).</summary>
    public static bool AllClose(Tensor input, Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        Crucible.Torch.Tensor.H2Public(input).AllClose(other, rtol, atol, equalNan);
}
