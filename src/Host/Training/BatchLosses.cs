using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// The loss of every batch of one pass, kept on the device until the pass ends, then read back in one
/// copy. The pass loss is the sample-weighted mean of the batch means, i.e. the mean over every sample
/// of the pass, never an average of per-batch ratios; a NaN or infinite batch loss is found with its
/// batch number without a host round trip per batch.
/// </summary>
internal sealed class BatchLosses : IDisposable
{
    private readonly List<Tensor> losses = [];
    private readonly List<long> sizes = [];

    public int Count => losses.Count;

    /// <summary>Takes ownership of <paramref name="loss"/> (a detached scalar).</summary>
    public void Add(Tensor loss, long batchSize)
    {
        losses.Add(loss.DetachFromDisposeScope());
        sizes.Add(batchSize);
    }

    /// <summary>Reads every batch loss back (one device-to-host copy).</summary>
    public double[] Read()
    {
        if (losses.Count == 0)
        {
            return [];
        }

        using var scope = torch.NewDisposeScope();
        return torch.Stack(losses).To(ScalarType.Float64).ToArray<double>();
    }

    /// <summary>The mean loss over every sample of <paramref name="values"/> (from <see cref="Read"/>).</summary>
    public double Mean(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        long count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i] * sizes[i];
            count += sizes[i];
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The 1-based number of the first batch whose loss is NaN or infinite, or 0.</summary>
    public static int FirstNonFinite(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        foreach (var loss in losses)
        {
            loss.Dispose();
        }

        losses.Clear();
        sizes.Clear();
    }
}
