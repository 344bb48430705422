using Crucible.Torch;

namespace Crucible.Host.Distributed;

/// <summary>
/// Each rank's share of an epoch, as PyTorch's <c>DistributedSampler</c> gives it: the epoch's order
/// (the same on every rank: a permutation drawn from the run's seed, or 0..n-1) is padded by
/// repeating its start until it divides by the world size, and rank r takes positions r, r+W, r+2W, ...
/// The shares are disjoint (but for the padding) and cover the split. Batch k of every rank together
/// is exactly batch k of one process with a W times larger batch, so data-parallel training with
/// per-rank batch B/W steps like one process with batch B.
/// </summary>
internal sealed class DistributedSampler
{
    public DistributedSampler(int rank, int worldSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, worldSize);
        Rank = rank;
        WorldSize = worldSize;
    }

    public int Rank { get; }

    public int WorldSize { get; }

    /// <summary>How many samples each rank gets from a split of <paramref name="count"/>.</summary>
    public long ShareSize(long count) => (count + WorldSize - 1) / WorldSize;

    /// <summary>This rank's indices, in order, from the epoch's order over the whole split (an int64 vector).</summary>
    public Tensor Share(Tensor order)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var scope = torch.NewDisposeScope();
        var n = order.Shape[0];
        var total = ShareSize(n) * WorldSize;
        var padded = order;
        while (padded.Shape[0] < total)
        {
            var missing = total - padded.Shape[0];
            padded = torch.Cat([padded, order.Narrow(0, 0, Math.Min(missing, n))]);
        }

        return padded.Slice(0, Rank, total, WorldSize).Contiguous().DetachFromDisposeScope();
    }
}
