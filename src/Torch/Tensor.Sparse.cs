using Crucible.Torch.Interop;

namespace Crucible.Torch;

/// <summary>Sparse COO tensors: the gradients <c>Embedding(sparse: true)</c> produces.</summary>
public sealed partial class Tensor
{
    /// <summary>True for a sparse COO tensor (<c>tensor.is_sparse</c>).</summary>
    public bool IsSparse => NativeMethods.Check(NativeMethods.crc_sparse_is_sparse(Handle)) == 1;

    /// <summary>The same sparse tensor with duplicate indices summed and indices sorted (<c>tensor.coalesce()</c>).</summary>
    public Tensor Coalesce() => new(NativeMethods.crc_sparse_coalesce(Handle));

    /// <summary>A sparse tensor's indices, one row per sparse dimension (<c>tensor._indices()</c>).</summary>
    public Tensor Indices() => new(NativeMethods.crc_sparse_indices(Handle));

    /// <summary>A sparse tensor's values, one per index column (<c>tensor._values()</c>).</summary>
    public Tensor Values() => new(NativeMethods.crc_sparse_values(Handle));

    /// <summary>This dense tensor's entries at the indices of the sparse <paramref name="mask"/>, as a sparse tensor (<c>tensor.sparse_mask(mask)</c>).</summary>
    public Tensor SparseMask(Tensor mask) => new(NativeMethods.crc_sparse_mask(Handle, H(mask)));

    /// <summary>A dense copy of a sparse tensor (<c>tensor.to_dense()</c>).</summary>
    public Tensor ToDense() => new(NativeMethods.crc_sparse_to_dense(Handle));
}
