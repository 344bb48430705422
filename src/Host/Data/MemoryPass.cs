using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Data;

/// <summary>
/// A pass over an in-memory split: each batch is a slice of its tensors (in order) or the rows an
/// order selects, on the device the split lives on; no copy through the host. The fast path.
/// </summary>
internal sealed class MemoryPass(DataSplit split, Tensor? order, int batchSize) : IBatchPass
{
    private readonly long count = order?.Shape[0] ?? split.Count;
    private long start;

    public TaskBatch Next()
    {
        var length = Math.Min(batchSize, count - start);
        if (length <= 0)
        {
            throw new InvalidOperationException("The pass has no more batches.");
        }

        TaskBatch batch;
        if (order is null)
        {
            batch = new TaskBatch(split.Features.Narrow(0, start, length), split.Targets.Narrow(0, start, length));
        }
        else
        {
            var index = order.Narrow(0, start, length);
            batch = new TaskBatch(split.Features.IndexSelect(0, index), split.Targets.IndexSelect(0, index));
        }

        start += length;
        return batch;
    }

    public void Dispose()
    {
    }
}
