using System.Collections.Concurrent;
using Crucible.Host.Models;

namespace Crucible.Host.Serving;

/// <summary>
/// Batches concurrent scoring requests without a thread of its own: a request that finds the model
/// idle runs the forward pass on its own thread (one request alone pays no hand-off to another
/// thread, no wake-up); requests that arrive while the model is busy queue up, and when a pass ends
/// with requests waiting, the next pass takes everything queued (up to <see cref="MaxBatchRows"/>
/// samples) on a thread-pool thread, so no caller waits on passes for others. Each request gets its
/// own rows back; a failed pass fails only its own requests. The model sees one caller at a time.
/// </summary>
internal sealed class PredictionBatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<Pending> queue = new();

    /// <summary>Held by whoever runs a pass; held for good once disposed.</summary>
    private readonly SemaphoreSlim model = new(1, 1);

    private readonly Func<double[], int, Prediction[]> predict;
    private readonly List<Pending> batch = [];
    private long passes;
    private long requests;
    private bool disposed;

    /// <summary>Batches calls of <paramref name="predict"/> (raw values of <c>count</c> samples, one prediction each; <see cref="TrainedModel.Predict"/>).</summary>
    public PredictionBatcher(Func<double[], int, Prediction[]> predict, int maxBatchRows)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        this.predict = predict;
        MaxBatchRows = maxBatchRows;
    }

    public int MaxBatchRows { get; }

    /// <summary>How many forward passes ran and how many requests they answered (batching at work when requests exceed passes).</summary>
    public (long Passes, long Requests) Counts => (Interlocked.Read(ref passes), Interlocked.Read(ref requests));

    /// <summary>
    /// Predicts <paramref name="count"/> raw samples, batched with whatever else is waiting. When the
    /// model is idle the pass runs on the calling thread before this returns (the task is then complete).
    /// </summary>
    public Task<Prediction[]> PredictAsync(double[] values, int count)
    {
        var pending = new Pending(values, count, new TaskCompletionSource<Prediction[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (queue)
        {
            if (disposed)
            {
                return Task.FromException<Prediction[]>(new ObjectDisposedException(nameof(PredictionBatcher)));
            }

            queue.Enqueue(pending);
        }

        if (model.Wait(0))
        {
            RunAndHandOff();
        }

        return pending.Result.Task;
    }

    /// <summary>Answers what is queued, waits for a pass under way, and refuses requests from now on.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (queue)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        // Nothing is queued from now on; whatever is queued already is answered here (or by the pass
        // under way and its hand-offs), and the model stays held so that no pass runs after this.
        await model.WaitAsync().ConfigureAwait(false);
        while (!queue.IsEmpty)
        {
            RunPass();
        }
    }

    /// <summary>Runs one pass (holding <see cref="model"/>), lets go of the model, and hands what queued meanwhile to a thread-pool thread.</summary>
    private void RunAndHandOff()
    {
        RunPass();
        model.Release();

        // A request queued during the pass found the model busy and left its pass to us. Checked after
        // letting go (a full fence between the two, as between a request's enqueue and its try), so a
        // request is never left waiting with the model idle.
        Interlocked.MemoryBarrier();
        if (!queue.IsEmpty && model.Wait(0))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.RunAndHandOff(), this, preferLocal: false);
        }
    }

    private void RunPass()
    {
        batch.Clear();
        var rows = 0;
        while (rows < MaxBatchRows && queue.TryDequeue(out var next))
        {
            batch.Add(next);
            rows += next.Count;
        }

        if (batch.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref passes);
        Interlocked.Add(ref requests, batch.Count);
        try
        {
            if (batch.Count == 1)
            {
                batch[0].Result.SetResult(predict(batch[0].Values, batch[0].Count));
                return;
            }

            var values = new double[batch.Sum(p => p.Values.Length)];
            var offset = 0;
            foreach (var p in batch)
            {
                p.Values.CopyTo(values, offset);
                offset += p.Values.Length;
            }

            var all = predict(values, rows);
            var start = 0;
            foreach (var p in batch)
            {
                p.Result.SetResult(all.AsSpan(start, p.Count).ToArray());
                start += p.Count;
            }
        }
#pragma warning disable CA1031 // A failed pass fails its requests (answered by the server), never the batcher.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var p in batch)
            {
                p.Result.TrySetException(e);
            }
        }
    }

    private sealed record Pending(double[] Values, int Count, TaskCompletionSource<Prediction[]> Result);
}
