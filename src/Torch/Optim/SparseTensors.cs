using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Builds sparse COO tensors, the form of gradient <c>Embedding(sparse: true)</c> produces and
/// <see cref="SparseAdam"/> and <see cref="Adagrad"/> consume.
/// </summary>
internal static class SparseTensors
{
    /// <summary>
    /// A sparse tensor of <paramref name="size"/> whose entries at <paramref name="indices"/> (int64,
    /// one row per sparse dimension, one column per entry) are <paramref name="values"/>
    /// (<c>torch.sparse_coo_tensor</c>). Duplicate indices add up.
    /// </summary>
    public static unsafe Tensor Coo(Tensor indices, Tensor values, long[] size)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(size);
        fixed (long* s = size)
        {
            return new Tensor(NativeMethods.crc_optim_sparse_coo(indices.Handle, values.Handle, s, size.Length));
        }
    }
}
