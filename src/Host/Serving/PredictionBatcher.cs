using System.Threading.Channels;
using Crucible.Host.Models;

namespace Crucible.Host.Serving;

/// <summary>
/// Batches concurrent scoring requests: requests queue up while the model is busy, and one worker
/// thread runs everything queued (up to <see cref="MaxBatchRows"/> samples) through the model in one
/// forward pass, then hands each request its own rows. The model sees one caller at a time.
/// </summary>
internal sealed class PredictionBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<double[], int, Prediction[]> predict;
    private readonly Thread worker;

    /// <summary>Batches calls of <paramref name="predict"/> (raw values of <c>count</c> samples, one prediction each; <see cref="TrainedModel.Predict"/>).</summary>
    public PredictionBatcher(Func<double[], int, Prediction[]> predict, int maxBatchRows)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        this.predict = predict;
        MaxBatchRows = maxBatchRows;
        worker = new Thread(Work) { IsBackground = true, Name = "crucible-serve-batcher" };
        worker.Start();
    }

    public int MaxBatchRows { get; }

    /// <summary>How many forward passes ran and how many requests they answered (batching at work when requests exceed passes).</summary>
    public (long Passes, long Requests) Counts => (Interlocked.Read(ref passes), Interlocked.Read(ref requests));

    private long passes;
    private long requests;

    /// <summary>Predicts <paramref name="count"/> raw samples, batched with whatever else is waiting.</summary>
    public Task<Prediction[]> PredictAsync(double[] values, int count)
    {
        var pending = new Pending(values, count, new TaskCompletionSource<Prediction[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Result.SetException(new ObjectDisposedException(nameof(PredictionBatcher)));
        }

        return pending.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.Run(worker.Join).ConfigureAwait(false);
    }

    private void Work()
    {
        var reader = queue.Reader;
        var batch = new List<Pending>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            var rows = 0;
            while (rows < MaxBatchRows && reader.TryRead(out var next))
            {
                batch.Add(next);
                rows += next.Count;
            }

            Run(batch, rows);
        }
    }

    private void Run(List<Pending> batch, int rows)
    {
        Interlocked.Increment(ref passes);
        Interlocked.Add(ref requests, batch.Count);
        try
        {
            Prediction[] all;
            if (batch.Count == 1)
            {
                all = predict(batch[0].Values, batch[0].Count);
            }
            else
            {
                var values = new double[batch.Sum(p => p.Values.Length)];
                var offset = 0;
                foreach (var p in batch)
                {
                    p.Values.CopyTo(values, offset);
                    offset += p.Values.Length;
                }

                all = predict(values, rows);
            }

            var start = 0;
            foreach (var p in batch)
            {
                p.Result.SetResult(all.AsSpan(start, p.Count).ToArray());
                start += p.Count;
            }
        }
#pragma warning disable CA1031 // A failed pass fails its requests (answered by the server), never the worker.
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
