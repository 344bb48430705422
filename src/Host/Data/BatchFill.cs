namespace Crucible.Host.Data;

/// <summary>
/// One open batch of a <see cref="SourcePass"/> being read into its buffer: samples are claimed one
/// at a time by whoever reads (a worker or the training thread), so any number of readers share a
/// batch and none reads a sample twice; <see cref="Done"/> is set when the last claimed sample is in.
/// A failed read keeps the earliest failing sample's error and the rest of the batch is skipped.
/// </summary>
internal sealed class BatchFill(int batch, long start, int count, HostBatch buffer)
{
    private int claimed;
    private int completed;
    private int failedAt = int.MaxValue;
    private Exception? error;

    /// <summary>The batch's position in the pass.</summary>
    public int Batch { get; } = batch;

    /// <summary>The position of its first sample in the pass's order.</summary>
    public long Start { get; } = start;

    /// <summary>How many samples it holds (the last batch of a pass may be short).</summary>
    public int Count { get; } = count;

    public HostBatch Buffer { get; } = buffer;

    /// <summary>Set once every sample is read (or skipped after a failure).</summary>
    public ManualResetEventSlim Done { get; } = new(count == 0);

    public bool HasUnclaimed => Volatile.Read(ref claimed) < Count;

    public bool Failed => Volatile.Read(ref error) is not null;

    /// <summary>Claims the next unread sample of the batch; false when every sample is claimed.</summary>
    public bool TryClaim(out int sample)
    {
        if (Volatile.Read(ref claimed) >= Count)
        {
            sample = -1;
            return false;
        }

        sample = Interlocked.Increment(ref claimed) - 1;
        return sample < Count;
    }

    /// <summary>A claimed sample is in (or was skipped).</summary>
    public void Complete()
    {
        if (Interlocked.Increment(ref completed) == Count)
        {
            Done.Set();
        }
    }

    /// <summary>Keeps the error of the earliest failing sample.</summary>
    public void Fail(int sample, Exception e)
    {
        lock (Done)
        {
            if (sample < failedAt)
            {
                failedAt = sample;
                Volatile.Write(ref error, e);
            }
        }
    }

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref error) is { } e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }
    }
}
