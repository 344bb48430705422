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
    public static Tensor Coo(Tensor indices, Tensor values, long[] size) => torch.SparseCooTensor(indices, values, size);
}
