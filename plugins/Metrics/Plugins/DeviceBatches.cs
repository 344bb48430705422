using Crucible.Torch;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>
/// Per-batch tensors a metric keeps on the training device until the pass ends, then reads back in
/// one copy: no host round trip per batch, which would stall a GPU.
/// </summary>
internal sealed class DeviceBatches : IDisposable
{
    private readonly List<Tensor> batches = [];

    /// <summary>Takes ownership of <paramref name="batch"/>, which outlives the trainer's per-batch dispose scope.</summary>
    public void Add(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batches.Add(batch.DetachFromDisposeScope());
    }

    /// <summary>Every batch, concatenated along the first dimension and copied to the host.</summary>
    public T[] Read<T>()
        where T : unmanaged
    {
        if (batches.Count == 0)
        {
            return [];
        }

        using var scope = torch.NewDisposeScope();
        return torch.Cat(batches).To(Device.Cpu).Contiguous().ToArray<T>();
    }

    /// <summary>Frees every batch kept so far.</summary>
    public void Clear()
    {
        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        batches.Clear();
    }

    public void Dispose() => Clear();
}
