using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements (<c>tensor.sum()</c>); integer inputs sum to int64 unless <paramref name="dtype"/> says otherwise.</summary>
    public Tensor Sum(ScalarType? dtype = null) => new(NativeMethods.crc_tensor_sum(Handle, Code(dtype)));

    /// <summary>Sum along one dimension (<c>tensor.sum(dim, keepdim)</c>).</summary>
    public unsafe Tensor Sum(long dim, bool keepDim = false, ScalarType? dtype = null) =>
        new(NativeMethods.crc_tensor_sum_dims(Handle, &dim, 1, keepDim ? 1 : 0, Code(dtype)));

    /// <summary>Sum along several dimensions (<c>tensor.sum(dims, keepdim)</c>).</summary>
    public unsafe Tensor Sum(long[] dims, bool keepDim = false, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_sum_dims(Handle, p, dims.Length, keepDim ? 1 : 0, Code(dtype)));
        }
    }

    /// <summary>Mean of all elements (<c>tensor.mean()</c>).</summary>
    public Tensor Mean(ScalarType? dtype = null) => new(NativeMethods.crc_tensor_mean(Handle, Code(dtype)));

    /// <summary>Mean along one dimension (<c>tensor.mean(dim, keepdim)</c>).</summary>
    public unsafe Tensor Mean(long dim, bool keepDim = false, ScalarType? dtype = null) =>
        new(NativeMethods.crc_tensor_mean_dims(Handle, &dim, 1, keepDim ? 1 : 0, Code(dtype)));

    /// <summary>Mean along several dimensions (<c>tensor.mean(dims, keepdim)</c>).</summary>
    public unsafe Tensor Mean(long[] dims, bool keepDim = false, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_mean_dims(Handle, p, dims.Length, keepDim ? 1 : 0, Code(dtype)));
        }
    }

    /// <summary>Product of all elements (<c>tensor.prod()</c>).</summary>
    public Tensor Prod(ScalarType? dtype = null) => new(NativeMethods.crc_tensor_prod(Handle, Code(dtype)));

    /// <summary>Standard deviation of all elements, Bessel-corrected by default (<c>tensor.std()</c>).</summary>
    public Tensor Std(bool unbiased = true) => new(NativeMethods.crc_tensor_std(Handle, unbiased ? 1 : 0));

    /// <summary>Standard deviation along one dimension (<c>tensor.std(dim, unbiased, keepdim)</c>).</summary>
    public unsafe Tensor Std(long dim, bool unbiased = true, bool keepDim = false) =>
        new(NativeMethods.crc_tensor_std_dims(Handle, &dim, 1, unbiased ? 1 : 0, keepDim ? 1 : 0));

    /// <summary>Standard deviation along several dimensions.</summary>
    public unsafe Tensor Std(long[] dims, bool unbiased = true, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_std_dims(Handle, p, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0));
        }
    }

    /// <summary>Variance of all elements, Bessel-corrected by default (<c>tensor.var()</c>).</summary>
    public Tensor Var(bool unbiased = true) => new(NativeMethods.crc_tensor_var(Handle, unbiased ? 1 : 0));

    /// <summary>Variance along one dimension (<c>tensor.var(dim, unbiased, keepdim)</c>).</summary>
    public unsafe Tensor Var(long dim, bool unbiased = true, bool keepDim = false) =>
        new(NativeMethods.crc_tensor_var_dims(Handle, &dim, 1, unbiased ? 1 : 0, keepDim ? 1 : 0));

    /// <summary>Variance along several dimensions.</summary>
    public unsafe Tensor Var(long[] dims, bool unbiased = true, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* p = dims)
        {
            return new(NativeMethods.crc_tensor_var_dims(Handle, p, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0));
        }
    }

    /// <summary>The p-norm of all elements; <c>double.PositiveInfinity</c> gives the max norm (<c>tensor.norm(p)</c>).</summary>
    public Tensor Norm(double p = 2) => new(NativeMethods.crc_tensor_norm(Handle, p));

    /// <summary>The p-norm along one dimension (<c>tensor.norm(p, dim, keepdim)</c>).</summary>
    public unsafe Tensor Norm(double p, long dim, bool keepDim = false) =>
        new(NativeMethods.crc_tensor_norm_dims(Handle, p, &dim, 1, keepDim ? 1 : 0));

    /// <summary>The largest element (<c>tensor.max()</c>).</summary>
    public Tensor Max() => new(NativeMethods.crc_tensor_max(Handle));

    /// <summary>The smallest element (<c>tensor.min()</c>).</summary>
    public Tensor Min() => new(NativeMethods.crc_tensor_min(Handle));

    /// <summary>The largest values along <paramref name="dim"/> and where they are (<c>tensor.max(dim, keepdim)</c>).</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false)
    {
        NativeMethods.Check(NativeMethods.crc_tensor_max_dim(Handle, dim, keepDim ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>The smallest values along <paramref name="dim"/> and where they are (<c>tensor.min(dim, keepdim)</c>).</summary>
    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false)
    {
        NativeMethods.Check(NativeMethods.crc_tensor_min_dim(Handle, dim, keepDim ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>Index of the largest element of the flattened tensor (<c>tensor.argmax()</c>).</summary>
    public Tensor ArgMax() => new(NativeMethods.crc_tensor_argmax(Handle, 0, 0, 0));

    /// <summary>Indices of the largest elements along <paramref name="dim"/> (<c>tensor.argmax(dim, keepdim)</c>).</summary>
    public Tensor ArgMax(long dim, bool keepDim = false) => new(NativeMethods.crc_tensor_argmax(Handle, dim, 1, keepDim ? 1 : 0));

    /// <summary>Index of the smallest element of the flattened tensor (<c>tensor.argmin()</c>).</summary>
    public Tensor ArgMin() => new(NativeMethods.crc_tensor_argmin(Handle, 0, 0, 0));

    /// <summary>Indices of the smallest elements along <paramref name="dim"/> (<c>tensor.argmin(dim, keepdim)</c>).</summary>
    public Tensor ArgMin(long dim, bool keepDim = false) => new(NativeMethods.crc_tensor_argmin(Handle, dim, 1, keepDim ? 1 : 0));

    /// <summary>The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> and their indices (<c>tensor.topk</c>).</summary>
    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        NativeMethods.Check(NativeMethods.crc_tensor_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>Sorts along <paramref name="dim"/>, returning the values and their original indices (<c>tensor.sort</c>).</summary>
    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false)
    {
        NativeMethods.Check(NativeMethods.crc_tensor_sort(Handle, dim, descending ? 1 : 0, out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>The indices that sort the tensor along <paramref name="dim"/> (<c>tensor.argsort</c>).</summary>
    public Tensor ArgSort(long dim = -1, bool descending = false) => new(NativeMethods.crc_tensor_argsort(Handle, dim, descending ? 1 : 0));

    /// <summary>Running sum along <paramref name="dim"/> (<c>tensor.cumsum</c>).</summary>
    public Tensor CumSum(long dim) => new(NativeMethods.crc_tensor_cumsum(Handle, dim));

    /// <summary>True (as a bool tensor) when every element is non-zero (<c>tensor.all()</c>).</summary>
    public Tensor All() => new(NativeMethods.crc_tensor_all(Handle));

    /// <summary>True (as a bool tensor) when any element is non-zero (<c>tensor.any()</c>).</summary>
    public Tensor Any() => new(NativeMethods.crc_tensor_any(Handle));

    private static int Code(ScalarType? dtype) => dtype.HasValue ? (int)dtype.Value : -1;
}
