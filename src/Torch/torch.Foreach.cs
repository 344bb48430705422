using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>
/// libtorch's <c>torch._foreach_*</c> operations, 1:1: each applies one op to a whole list of tensors
/// in one call (an optimizer's parameters, gradients or moments), as PyTorch's optimizers do with
/// <c>foreach=True</c>. Lists passed together must have the same length; in-place ops end in an underscore.
/// </summary>
#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary><c>torch._foreach_add_(self, scalar)</c>: adds <paramref name="scalar"/> to every tensor.</summary>
    public static unsafe void ForeachAdd_(IReadOnlyList<Tensor> self, double scalar)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_add_scalar_(ps, self.Count, scalar));
        }
    }

    /// <summary><c>torch._foreach_add_(self, other, alpha)</c>: <c>self[i] += alpha * other[i]</c>.</summary>
    public static unsafe void ForeachAdd_(IReadOnlyList<Tensor> self, IReadOnlyList<Tensor> other, double alpha = 1.0)
    {
        SameLength(self, other);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var o = new HeldTensors(other, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers, po = o.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_add_list_(ps, po, self.Count, alpha));
        }
    }

    /// <summary><c>torch._foreach_add(self, scalar)</c>: new tensors <c>self[i] + scalar</c>.</summary>
    public static unsafe Tensor[] ForeachAdd(IReadOnlyList<Tensor> self, double scalar)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        var output = new IntPtr[self.Count];
        fixed (IntPtr* ps = s.Pointers, po = output)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_add_scalar(ps, self.Count, scalar, po));
        }

        return Wrap(output);
    }

    /// <summary><c>torch._foreach_add(self, other, alpha)</c>: new tensors <c>self[i] + alpha * other[i]</c>.</summary>
    public static unsafe Tensor[] ForeachAdd(IReadOnlyList<Tensor> self, IReadOnlyList<Tensor> other, double alpha = 1.0)
    {
        SameLength(self, other);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var o = new HeldTensors(other, stackalloc IntPtr[HeldTensors.StackLimit]);
        var output = new IntPtr[self.Count];
        fixed (IntPtr* ps = s.Pointers, po = o.Pointers, pr = output)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_add_list(ps, po, self.Count, alpha, pr));
        }

        return Wrap(output);
    }

    /// <summary><c>torch._foreach_mul_(self, scalar)</c>: multiplies every tensor by <paramref name="scalar"/>.</summary>
    public static unsafe void ForeachMul_(IReadOnlyList<Tensor> self, double scalar)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_mul_scalar_(ps, self.Count, scalar));
        }
    }

    /// <summary>
    /// <c>torch._foreach_mul_(self, other)</c>: <c>self[i] *= other[i]</c>, broadcasting (a 0-dim
    /// <c>other[i]</c> multiplies the whole tensor).
    /// </summary>
    public static unsafe void ForeachMul_(IReadOnlyList<Tensor> self, IReadOnlyList<Tensor> other)
    {
        SameLength(self, other);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var o = new HeldTensors(other, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers, po = o.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_mul_list_(ps, po, self.Count));
        }
    }

    /// <summary><c>torch._foreach_div_(self, scalars)</c>: divides <c>self[i]</c> by <c>scalars[i]</c>.</summary>
    public static unsafe void ForeachDiv_(IReadOnlyList<Tensor> self, IReadOnlyList<double> scalars)
    {
        SameLength(self, scalars);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        var values = scalars as double[] ?? [.. scalars];
        fixed (IntPtr* ps = s.Pointers)
        fixed (double* pv = values)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_div_scalarlist_(ps, self.Count, pv));
        }
    }

    /// <summary><c>torch._foreach_addcmul_(self, tensor1, tensor2, value)</c>: <c>self[i] += value * tensor1[i] * tensor2[i]</c>.</summary>
    public static unsafe void ForeachAddCMul_(IReadOnlyList<Tensor> self, IReadOnlyList<Tensor> tensor1, IReadOnlyList<Tensor> tensor2, double value = 1.0)
    {
        SameLength(self, tensor1);
        SameLength(self, tensor2);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var a = new HeldTensors(tensor1, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var b = new HeldTensors(tensor2, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers, pa = a.Pointers, pb = b.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_addcmul_scalar_(ps, pa, pb, self.Count, value));
        }
    }

    /// <summary><c>torch._foreach_addcdiv_(self, tensor1, tensor2, scalars)</c>: <c>self[i] += scalars[i] * tensor1[i] / tensor2[i]</c>.</summary>
    public static unsafe void ForeachAddCDiv_(IReadOnlyList<Tensor> self, IReadOnlyList<Tensor> tensor1, IReadOnlyList<Tensor> tensor2, IReadOnlyList<double> scalars)
    {
        SameLength(self, tensor1);
        SameLength(self, tensor2);
        SameLength(self, scalars);
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var a = new HeldTensors(tensor1, stackalloc IntPtr[HeldTensors.StackLimit]);
        using var b = new HeldTensors(tensor2, stackalloc IntPtr[HeldTensors.StackLimit]);
        var values = scalars as double[] ?? [.. scalars];
        fixed (IntPtr* ps = s.Pointers, pa = a.Pointers, pb = b.Pointers)
        fixed (double* pv = values)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_addcdiv_scalarlist_(ps, pa, pb, self.Count, pv));
        }
    }

    /// <summary><c>torch._foreach_sqrt(self)</c>: new tensors <c>sqrt(self[i])</c>.</summary>
    public static unsafe Tensor[] ForeachSqrt(IReadOnlyList<Tensor> self)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        var output = new IntPtr[self.Count];
        fixed (IntPtr* ps = s.Pointers, po = output)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_sqrt(ps, self.Count, po));
        }

        return Wrap(output);
    }

    /// <summary><c>torch._foreach_neg(self)</c>: new tensors <c>-self[i]</c>.</summary>
    public static unsafe Tensor[] ForeachNeg(IReadOnlyList<Tensor> self)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        var output = new IntPtr[self.Count];
        fixed (IntPtr* ps = s.Pointers, po = output)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_neg(ps, self.Count, po));
        }

        return Wrap(output);
    }

    /// <summary><c>torch._foreach_zero_(self)</c>: fills every tensor with zeros.</summary>
    public static unsafe void ForeachZero_(IReadOnlyList<Tensor> self)
    {
        using var s = new HeldTensors(self, stackalloc IntPtr[HeldTensors.StackLimit]);
        fixed (IntPtr* ps = s.Pointers)
        {
            NativeMethods.Check(NativeMethods.crc_foreach_zero_(ps, self.Count));
        }
    }

    private static void SameLength<T>(IReadOnlyList<Tensor> self, IReadOnlyList<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != self.Count)
        {
            throw new ArgumentException($"The lists must have the same length: {self.Count} tensors and {other.Count}.", nameof(other));
        }
    }

    // Each new handle becomes a tensor of the current dispose scope, as any op's result does.
    private static Tensor[] Wrap(IntPtr[] handles) => Array.ConvertAll(handles, h => new Tensor(new TensorHandle(h)));
}
