using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch.Distributed;

/// <summary>
/// A c10d process group: the ranks that run collectives together (<c>torch.distributed.ProcessGroup</c>).
/// Every rank calls the same collectives in the same order; each call returns when the collective has
/// finished on this rank, and throws a <see cref="TorchException"/> with libtorch's message when it
/// times out or a peer is gone.
/// </summary>
public abstract class ProcessGroup : IDisposable
{
    private protected ProcessGroup(ProcessGroupHandle handle) => Handle = handle;

    internal ProcessGroupHandle Handle { get; }

    /// <summary>This process's rank, 0 to <see cref="Size"/> - 1.</summary>
    public int Rank => NativeMethods.crc_pg_rank(Handle);

    /// <summary>Number of ranks (the world size).</summary>
    public int Size => NativeMethods.crc_pg_size(Handle);

    /// <summary>The backend's name: <c>gloo</c>.</summary>
    public string Backend => Marshal.PtrToStringUTF8(NativeMethods.crc_pg_backend(Handle)) ?? "unknown";

    /// <summary>Reduces a tensor across ranks in place (<c>all_reduce</c>).</summary>
    public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        NativeMethods.Check(NativeMethods.crc_pg_allreduce(Handle, tensor.Handle, (int)op));
    }

    /// <summary>
    /// Reduces several tensors of one dtype across ranks in place, in one collective
    /// (<c>all_reduce_coalesced</c>): a bucket of gradients costs one round trip, not one per tensor.
    /// </summary>
    public void AllReduceCoalesced(IReadOnlyList<Tensor> tensors, ReduceOp op = ReduceOp.Sum)
    {
        using var refs = new TensorRefs(tensors);
        NativeMethods.Check(NativeMethods.crc_pg_allreduce_coalesced(Handle, refs.Pointers, refs.Pointers.Length, (int)op));
    }

    /// <summary>Copies <paramref name="root"/>'s tensor into every rank's, in place (<c>broadcast</c>).</summary>
    public void Broadcast(Tensor tensor, int root)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        NativeMethods.Check(NativeMethods.crc_pg_broadcast(Handle, tensor.Handle, root));
    }

    /// <summary>
    /// Gathers every rank's <paramref name="input"/> into <paramref name="outputs"/> (<c>all_gather</c>):
    /// one tensor per rank, shaped like the input; output i receives rank i's input.
    /// </summary>
    public void AllGather(IReadOnlyList<Tensor> outputs, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var refs = new TensorRefs(outputs);
        NativeMethods.Check(NativeMethods.crc_pg_allgather(Handle, refs.Pointers, refs.Pointers.Length, input.Handle));
    }

    /// <summary>Gathers every rank's <paramref name="input"/> into new tensors, one per rank.</summary>
    public Tensor[] AllGather(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputs = Enumerable.Range(0, Size).Select(_ => torch.EmptyLike(input)).ToArray();
        AllGather(outputs, input);
        return outputs;
    }

    /// <summary>Waits until every rank has reached this call (<c>barrier</c>).</summary>
    public void Barrier() => NativeMethods.Check(NativeMethods.crc_pg_barrier(Handle));

    /// <inheritdoc />
    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
