using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Data;

/// <summary>
/// One split as the trainer reads it, whichever shape the dataset returned: in memory (a
/// <see cref="DataSplit"/>, sliced on its device: the fast path) or read lazily (an
/// <see cref="ISampleSource"/>, read by the loader with workers and prefetch, collated on the
/// training device). Both give the same batches for the same order.
/// </summary>
internal sealed class SplitReader : IDisposable
{
    private readonly bool owned;

    private SplitReader(string name, DataSplit? memory, ISampleSource? source, SampleLayout? layout, LoaderOptions options, Device device, bool owned)
    {
        Name = name;
        Memory = memory;
        Source = source;
        Layout = layout;
        Options = options;
        Device = device;
        this.owned = owned;
        Count = memory?.Count ?? source!.Count;
    }

    /// <summary>The split's name in messages: <c>training</c>, <c>validation</c> or <c>test</c>.</summary>
    public string Name { get; }

    /// <summary>The number of samples.</summary>
    public long Count { get; }

    /// <summary>The split's tensors when it is in memory; null when it is read lazily.</summary>
    public DataSplit? Memory { get; }

    /// <summary>The split's source when it is read lazily; null when it is in memory.</summary>
    public ISampleSource? Source { get; }

    /// <summary>Where batches are made.</summary>
    public Device Device { get; }

    /// <summary>Workers, prefetch and pinning for a source.</summary>
    public LoaderOptions Options { get; }

    private SampleLayout? Layout { get; }

    /// <summary>Reads an in-memory split; <paramref name="owned"/>: disposing the reader frees it.</summary>
    public static SplitReader InMemory(string name, DataSplit split, bool owned = false)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new SplitReader(name, split, null, null, LoaderOptions.Default, split.Features.Device, owned);
    }

    /// <summary>Reads a source through the loader; the dataset keeps owning the source.</summary>
    public static SplitReader Streaming(string name, ISampleSource source, SampleLayout layout, LoaderOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Count < 0)
        {
            throw new DatasetException($"The {name} split's source reports {source.Count} samples.");
        }

        return new SplitReader(name, null, source, layout, options, device, owned: false);
    }

    /// <summary>
    /// Opens a pass of <paramref name="batches"/> batches of <paramref name="batchSize"/> over the
    /// samples in <paramref name="order"/> (an int64 vector of sample indices on the training device),
    /// or over the whole split in order when it is null.
    /// </summary>
    public IBatchPass Pass(Tensor? order, int batchSize, int batches, CancellationToken interrupt)
    {
        if (Memory is not null)
        {
            return new MemoryPass(Memory, order, batchSize);
        }

        long[]? positions = null;
        if (order is not null)
        {
            using var scope = torch.NewDisposeScope();
            positions = order.To(Device.Cpu).ToArray<long>();
        }

        return new SourcePass(Source!, Layout!, positions, batchSize, batches, Name, Device, Options, interrupt);
    }

    /// <summary>The number of batches of a whole pass in order (evaluation: the last one may be short).</summary>
    public int Batches(int batchSize) => checked((int)((Count + batchSize - 1) / batchSize));

    /// <summary>The first <paramref name="n"/> samples as tensors the caller owns (an input example, a trial batch, a small test split's predictions).</summary>
    public DataSplit Head(long n)
    {
        n = Math.Min(n, Count);
        using var scope = torch.NewDisposeScope();
        if (Memory is not null)
        {
            return new DataSplit(Memory.Features.Narrow(0, 0, n).DetachFromDisposeScope(), Memory.Targets.Narrow(0, 0, n).DetachFromDisposeScope());
        }

        var size = (int)Math.Max(1, n);
        using var pass = new SourcePass(Source!, Layout!, null, size, n == 0 ? 0 : 1, Name, Device, Options with { Workers = 0 }, CancellationToken.None);
        if (n == 0)
        {
            return new DataSplit(
                torch.Empty([0, .. Layout!.FeatureShape], device: Device).DetachFromDisposeScope(),
                (Layout.ClassIndex ? torch.Empty([0], ScalarType.Int64, Device) : torch.Empty([0, Layout.TargetWidth], device: Device)).DetachFromDisposeScope());
        }

        var batch = pass.Next();
        return new DataSplit(batch.Features.DetachFromDisposeScope(), batch.Targets.DetachFromDisposeScope());
    }

    public void Dispose()
    {
        if (owned)
        {
            Memory?.Dispose();
        }
    }
}
