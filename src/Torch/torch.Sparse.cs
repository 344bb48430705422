using Crucible.Torch.Interop;

namespace Crucible.Torch;

#pragma warning disable CS8981, IDE1006 // Named like PyTorch's module.
public static partial class torch
#pragma warning restore CS8981, IDE1006
{
    /// <summary>
    /// A sparse COO tensor of <paramref name="size"/> whose entries at <paramref name="indices"/> (int64,
    /// one row per sparse dimension, one column per entry) are <paramref name="values"/>
    /// (<c>torch.sparse_coo_tensor</c>). Duplicate indices add up.
    /// </summary>
    public static unsafe Tensor SparseCooTensor(Tensor indices, Tensor values, long[] size)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(size);
        fixed (long* s = size)
        {
            return new Tensor(NativeMethods.crc_sparse_coo_tensor(Crucible.Torch.Tensor.H(indices), Crucible.Torch.Tensor.H(values), s, size.Length));
        }
    }
}
