using System.Collections.Concurrent;
using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Data;

/// <summary>
/// A pass over a split read lazily: batch b holds the samples at positions b*B .. b*B+B-1 of the
/// pass's order, so what a batch holds depends on the order alone, never on how many workers read it.
/// With <see cref="LoaderOptions.Workers"/> background threads read whole batches ahead into a fixed
/// pool of <see cref="LoaderOptions.Prefetch"/> host buffers (a buffer goes back to the pool once its
/// batch is collated into tensors, and only then is another batch queued), so the loader never holds
/// more than Prefetch x B samples. Without workers each batch is read on the calling thread when it is
/// needed. Workers only read into host arrays; every tensor is made on the calling thread.
/// </summary>
internal sealed class SourcePass : IBatchPass
{
    private readonly ISampleSource source;
    private readonly SampleLayout layout;
    private readonly long[]? order;
    private readonly long count;
    private readonly int batchSize;
    private readonly int batches;
    private readonly string split;
    private readonly Device device;
    private readonly int prefetch;
    private readonly CancellationTokenSource stop;
    private readonly BlockingCollection<int>? queue;
    private readonly ConcurrentQueue<HostBatch> pool = new();
    private readonly TaskCompletionSource<HostBatch>?[]? ready;
    private readonly Thread[] threads;
    private readonly HostBatch? inline;
    private int next;
    private long held;
    private long peakHeld;

    /// <param name="source">The split's samples.</param>
    /// <param name="layout">Their shape and how targets are collated.</param>
    /// <param name="order">The sample index at each position of the pass; null for 0 .. Count-1.</param>
    /// <param name="batchSize">Samples per batch; the last one may be short.</param>
    /// <param name="batches">How many batches the pass reads (fewer than the order holds with dropLast).</param>
    /// <param name="split">The split's name for messages (<c>training</c>).</param>
    /// <param name="device">Where batches are collated.</param>
    /// <param name="options">Workers and prefetch.</param>
    /// <param name="interrupt">Stops the workers and a wait for a batch (Ctrl+C).</param>
    public SourcePass(ISampleSource source, SampleLayout layout, long[]? order, int batchSize, int batches, string split, Device device, LoaderOptions options, CancellationToken interrupt)
    {
        this.source = source;
        this.layout = layout;
        this.order = order;
        count = order?.LongLength ?? source.Count;
        this.batchSize = batchSize;
        this.batches = batches;
        this.split = split;
        this.device = device;
        prefetch = Math.Max(1, options.Prefetch);
        stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        if (options.Workers <= 0)
        {
            inline = new HostBatch(batchSize, layout);
            threads = [];
            return;
        }

        for (var i = 0; i < Math.Min(prefetch, batches); i++)
        {
            pool.Enqueue(new HostBatch(batchSize, layout));
        }

        queue = new BlockingCollection<int>();
        ready = new TaskCompletionSource<HostBatch>?[batches];
        for (var b = 0; b < Math.Min(prefetch, batches); b++)
        {
            Queue(b);
        }

        threads = new Thread[options.Workers];
        for (var w = 0; w < threads.Length; w++)
        {
            threads[w] = new Thread(Work) { IsBackground = true, Name = string.Create(CultureInfo.InvariantCulture, $"crucible-loader-{w}") };
            threads[w].Start();
        }
    }

    /// <summary>The most samples the pass held in host memory at once (read, being read or waiting to be collated).</summary>
    public long PeakHeldSamples => Interlocked.Read(ref peakHeld);

    public TaskBatch Next()
    {
        var b = next;
        if (b >= batches)
        {
            throw new InvalidOperationException("The pass has no more batches.");
        }

        next++;
        if (inline is not null)
        {
            stop.Token.ThrowIfCancellationRequested();
            Fill(inline, b);
            try
            {
                return Collate(inline);
            }
            finally
            {
                Release(inline);
            }
        }

        var pending = ready![b]!;
        try
        {
            pending.Task.Wait(stop.Token);
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }

        var host = pending.Task.Result;
        ready[b] = null;
        try
        {
            return Collate(host);
        }
        finally
        {
            Release(host);
            pool.Enqueue(host);
            if (b + prefetch < batches)
            {
                Queue(b + prefetch);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        queue?.CompleteAdding();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        queue?.Dispose();
        stop.Dispose();
    }

    private void Queue(int b)
    {
        ready![b] = new TaskCompletionSource<HostBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue!.Add(b);
    }

    private void Work()
    {
        try
        {
            foreach (var b in queue!.GetConsumingEnumerable(stop.Token))
            {
                var pending = ready![b]!;
                if (!pool.TryDequeue(out var host))
                {
                    pending.TrySetException(new InvalidOperationException("The loader has no free buffer (more batches queued than prefetched)."));
                    continue;
                }

                try
                {
                    Fill(host, b);
                    pending.TrySetResult(host);
                }
                catch (OperationCanceledException)
                {
                    pending.TrySetCanceled(stop.Token);
                    return;
                }
                catch (Exception e)
                {
                    pending.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or interrupted: leave.
        }
    }

    /// <summary>Reads batch <paramref name="b"/> of the pass into <paramref name="host"/>.</summary>
    private void Fill(HostBatch host, int b)
    {
        var start = (long)b * batchSize;
        var length = (int)Math.Min(batchSize, count - start);
        Take(length);
        host.Batch = b;
        host.Count = length;
        var (features, targets) = (layout.FeatureSize, layout.TargetWidth);
        for (var i = 0; i < length; i++)
        {
            stop.Token.ThrowIfCancellationRequested();
            var index = order?[start + i] ?? start + i;
            try
            {
                source.Read(index, host.Features.AsSpan(i * features, features), host.Targets.AsSpan(i * targets, targets));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"Reading sample {index} of the {split} split failed: {e.Message}"), e);
            }
        }
    }

    private void Take(int samples)
    {
        var now = Interlocked.Add(ref held, samples);
        long peak;
        while (now > (peak = Interlocked.Read(ref peakHeld)) && Interlocked.CompareExchange(ref peakHeld, now, peak) != peak)
        {
        }
    }

    private void Release(HostBatch host) => Interlocked.Add(ref held, -host.Count);

    private TaskBatch Collate(HostBatch host)
    {
        var n = host.Count;
        long[] shape = [n, .. layout.FeatureShape];
        var features = torch.Tensor<float>(host.Features.AsSpan(0, n * layout.FeatureSize), shape, device);
        Tensor targets;
        if (layout.ClassIndex)
        {
            var labels = new long[n];
            for (var i = 0; i < n; i++)
            {
                var value = host.Targets[i];
                var label = (long)value;
                if (label != value || label < 0 || (layout.NumClasses > 0 && label >= layout.NumClasses))
                {
                    var position = ((long)host.Batch * batchSize) + i;
                    var index = order?[position] ?? position;
                    throw new DatasetException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Sample {index} of the {split} split has the label {value}, but the dataset has {layout.NumClasses} classes (0 to {layout.NumClasses - 1})."));
                }

                labels[i] = label;
            }

            targets = torch.Tensor<long>(labels, [n], device);
        }
        else
        {
            targets = torch.Tensor<float>(host.Targets.AsSpan(0, n * layout.TargetWidth), [n, layout.TargetWidth], device);
        }

        return new TaskBatch(features, targets);
    }
}
