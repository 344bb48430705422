using System.Diagnostics;
using Crucible.Torch;
using Crucible.Torch.Distributed;
using Crucible.Torch.Nn;

namespace Crucible.Host.Distributed;

/// <summary>
/// What data-parallel training (<c>training.strategy: ddp</c>) does on top of a process group, as
/// PyTorch's <c>DistributedDataParallel</c> does it: every rank starts from rank 0's parameters and
/// buffers; after each backward pass the gradients are averaged across ranks, bucket by bucket (one
/// all-reduce per bucket of about <see cref="BucketBytes"/>), so every rank's optimizer takes the same step.
/// </summary>
internal sealed class DataParallel(ProcessGroup group, long bucketBytes = DataParallel.DefaultBucketBytes)
{
    /// <summary>DDP's default bucket size: 25 MiB of gradients per all-reduce.</summary>
    public const long DefaultBucketBytes = 25L * 1024 * 1024;

    public ProcessGroup Group { get; } = group ?? throw new ArgumentNullException(nameof(group));

    /// <summary>Gradients averaged per all-reduce, in bytes.</summary>
    public long BucketBytes { get; } = bucketBytes > 0 ? bucketBytes : throw new ArgumentOutOfRangeException(nameof(bucketBytes));

    public int Rank => Group.Rank;

    /// <summary>How many times <see cref="AverageGradients"/> ran (once per optimizer step).</summary>
    public long GradientSyncs { get; private set; }

    /// <summary>The wall time <see cref="AverageGradients"/> took in all, waiting for the slowest rank included.</summary>
    public TimeSpan GradientSyncTime { get; private set; }

    public int WorldSize => Group.Size;

    /// <summary>Copies rank 0's parameters and buffers into every rank's model.</summary>
    public void BroadcastState(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = torch.NoGrad();
        foreach (var tensor in model.Parameters().Concat(model.Buffers()))
        {
            Group.Broadcast(tensor, root: 0);
        }
    }

    /// <summary>
    /// Averages the gradients of <paramref name="parameters"/> across ranks in place. A parameter the
    /// batch left without a gradient counts as a zero gradient, so every rank reduces the same buckets.
    /// </summary>
    public void AverageGradients(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var started = Stopwatch.GetTimestamp();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var grads = new List<Tensor>();
        foreach (var p in parameters.Where(p => p.RequiresGrad))
        {
            var grad = p.Grad;
            if (grad is null)
            {
                p.Grad = torch.ZerosLike(p);
                grad = p.Grad!;
            }

            grads.Add(grad);
        }

        foreach (var bucket in Buckets(grads))
        {
            var flat = bucket.Count == 1 ? bucket[0].Flatten() : torch.Cat(bucket.Select(g => g.Flatten()).ToList());
            Group.AllReduce(flat);
            flat.Div_(WorldSize);
            long offset = 0;
            foreach (var g in bucket)
            {
                var n = g.NumEl;
                g.Copy_(flat.Narrow(0, offset, n).View(g.Shape));
                offset += n;
            }
        }

        GradientSyncs++;
        GradientSyncTime += Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The mean of a per-rank value across ranks (a metric each rank computed over its share).</summary>
    public double Mean(double value) => Sum(value) / WorldSize;

    /// <summary>The sum of a per-rank value across ranks.</summary>
    public double Sum(double value)
    {
        using var t = torch.Tensor(new[] { value });
        Group.AllReduce(t);
        return t.Item<double>();
    }

    /// <summary>Whether any rank says yes: all ranks stop together when one asks to.</summary>
    public bool Any(bool value) => Any([value])[0];

    /// <summary>For each flag, whether any rank raised it, in one all-reduce.</summary>
    public bool[] Any(IReadOnlyList<bool> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        using var t = torch.Tensor(flags.Select(f => f ? 1.0 : 0.0).ToArray());
        Group.AllReduce(t, ReduceOp.Max);
        return t.ToArray<double>().Select(v => v > 0).ToArray();
    }

    // Consecutive gradients of one dtype and device, up to BucketBytes each.
    private IEnumerable<List<Tensor>> Buckets(List<Tensor> grads)
    {
        var bucket = new List<Tensor>();
        long bytes = 0;
        foreach (var g in grads)
        {
            var size = g.NumEl * g.DType.ElementSize();
            var fits = bucket.Count == 0
                || (bucket[0].DType == g.DType && bucket[0].Device == g.Device && bytes + size <= BucketBytes);
            if (!fits)
            {
                yield return bucket;
                bucket = [];
                bytes = 0;
            }

            bucket.Add(g);
            bytes += size;
        }

        if (bucket.Count > 0)
        {
            yield return bucket;
        }
    }
}
