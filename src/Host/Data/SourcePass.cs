using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Data;

/// <summary>
/// A pass over a split read lazily: batch b holds the samples at positions b*B .. b*B+B-1 of the
/// pass's order, so what a batch holds depends on the order alone, never on who reads it.
/// With <see cref="LoaderOptions.Workers"/> background threads read ahead: the next
/// <see cref="LoaderOptions.Prefetch"/> batches are open, each in its own buffer of a fixed pool, and
/// a batch is opened only when the buffer of the one <c>Prefetch</c> before it has been collated into
/// tensors, so the loader never holds more than Prefetch x B samples. Workers claim samples one at a
/// time, the earliest open batch first; the training thread claims the unread samples of the batch it
/// asks for too instead of waiting for a worker to get a core (on a loaded machine a woken thread can
/// wait longer than a batch takes), and only waits for the samples a worker is reading. Without
/// workers each batch is read on the calling thread when it is needed. Every tensor is made on the
/// calling thread; training on CUDA, the buffers are pinned and copied to the GPU without waiting.
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
    private readonly HostBatch[] buffers;
    private readonly BatchFill?[] open;
    private readonly SemaphoreSlim? wake;
    private readonly Thread[] threads;
    private int next;
    private int opened;
    private long held;
    private long peakHeld;

    /// <param name="source">The split's samples.</param>
    /// <param name="layout">Their shape and how targets are collated.</param>
    /// <param name="order">The sample index at each position of the pass; null for 0 .. Count-1.</param>
    /// <param name="batchSize">Samples per batch; the last one may be short.</param>
    /// <param name="batches">How many batches the pass reads (fewer than the order holds with dropLast).</param>
    /// <param name="split">The split's name for messages (<c>training</c>).</param>
    /// <param name="device">Where batches are collated.</param>
    /// <param name="options">Workers, prefetch and pinning.</param>
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
        var workers = Math.Max(0, options.Workers);
        prefetch = workers == 0 ? 1 : Math.Max(1, options.Prefetch);
        stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var pin = options.PinMemory && device.Type == DeviceType.Cuda;
        buffers = new HostBatch[Math.Max(0, Math.Min(prefetch, batches))];
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new HostBatch(batchSize, layout, pin);
        }

        open = new BatchFill?[prefetch];
        threads = [];
        if (workers == 0)
        {
            return;
        }

        wake = new SemaphoreSlim(0);
        for (var b = 0; b < buffers.Length; b++)
        {
            Open(b);
        }

        threads = new Thread[workers];
        for (var w = 0; w < threads.Length; w++)
        {
            threads[w] = new Thread(Work) { IsBackground = true, Name = string.Create(CultureInfo.InvariantCulture, $"crucible-loader-{w}") };
            threads[w].Start();
        }
    }

    /// <summary>The most samples the pass held in host memory at once (in open batches: read, being read or waiting to be collated).</summary>
    public long PeakHeldSamples => Interlocked.Read(ref peakHeld);

    /// <summary>How many host buffers the pass reads into (reused batch after batch).</summary>
    public int Buffers => buffers.Length;

    /// <summary>Whether those buffers are page-locked (training on CUDA).</summary>
    public bool PinnedBuffers => buffers.Any(b => b.Pinned);

    public TaskBatch Next()
    {
        var b = next;
        if (b >= batches)
        {
            throw new InvalidOperationException("The pass has no more batches.");
        }

        stop.Token.ThrowIfCancellationRequested();
        if (wake is null)
        {
            Open(b);
        }

        var fill = open[b % prefetch]!;
        Help(fill);
        fill.Done.Wait(stop.Token);
        fill.ThrowIfFailed();
        next = b + 1;
        try
        {
            return Collate(fill);
        }
        finally
        {
            Interlocked.Add(ref held, -fill.Count);
            open[b % prefetch] = null;
            if (wake is not null && b + prefetch < batches)
            {
                Open(b + prefetch);
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        foreach (var buffer in buffers)
        {
            buffer.Dispose();
        }

        wake?.Dispose();
        stop.Dispose();
    }

    /// <summary>Opens batch <paramref name="b"/> in its buffer for whoever reads first.</summary>
    private void Open(int b)
    {
        var start = (long)b * batchSize;
        var length = (int)Math.Min(batchSize, count - start);
        var now = Interlocked.Add(ref held, length);
        long peak;
        while (now > (peak = Interlocked.Read(ref peakHeld)) && Interlocked.CompareExchange(ref peakHeld, now, peak) != peak)
        {
        }

        Volatile.Write(ref open[b % prefetch], new BatchFill(b, start, length, buffers[b % buffers.Length]));
        Volatile.Write(ref opened, b + 1);
        wake?.Release(threads.Length == 0 ? 1 : threads.Length);
    }

    private void Work()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (Earliest() is { } fill)
                {
                    Help(fill);
                }
                else
                {
                    wake!.Wait(stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or interrupted: leave.
        }
    }

    /// <summary>The earliest open batch with samples nobody has claimed yet.</summary>
    private BatchFill? Earliest()
    {
        var last = Volatile.Read(ref opened);
        for (var b = Volatile.Read(ref next); b < last; b++)
        {
            if (Volatile.Read(ref open[b % prefetch]) is { Batch: var batch } fill && batch == b && fill.HasUnclaimed)
            {
                return fill;
            }
        }

        return null;
    }

    /// <summary>Reads samples of <paramref name="fill"/> that nobody has claimed, until none is left.</summary>
    private void Help(BatchFill fill)
    {
        var targets = layout.TargetWidth;
        while (!stop.IsCancellationRequested && fill.TryClaim(out var i))
        {
            if (!fill.Failed)
            {
                var index = order?[fill.Start + i] ?? fill.Start + i;
                try
                {
                    fill.Buffer.WaitForCopy();
                    source.Read(index, fill.Buffer.Features(i), fill.Buffer.Targets.AsSpan(i * targets, targets));
                }
                catch (Exception e)
                {
                    fill.Fail(i, new DatasetException(string.Create(CultureInfo.InvariantCulture, $"Reading sample {index} of the {split} split failed: {e.Message}"), e));
                }
            }

            fill.Complete();
        }
    }

    private TaskBatch Collate(BatchFill fill)
    {
        var host = fill.Buffer;
        var n = fill.Count;
        long[] shape = [n, .. layout.FeatureShape];
        var features = host.Pinned
            ? host.CopyToDevice(n, device)
            : torch.Tensor<float>(host.Features(0, n), shape, device);
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
                    var position = fill.Start + i;
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
