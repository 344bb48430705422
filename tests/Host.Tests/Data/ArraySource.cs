using Crucible.Abstractions;

namespace Crucible.Host.Tests.Data;

/// <summary>
/// A source over host arrays (one feature row and one target row per sample) that can fail or block
/// at a given index and checks, on every read, an invariant the test gives it.
/// </summary>
internal sealed class ArraySource(float[] features, float[] targets, int featureSize, int targetWidth) : ISampleSource
{
    private long reads;

    public long Count => targets.LongLength / targetWidth;

    /// <summary>Reading this index throws a <see cref="DatasetException"/> naming a file.</summary>
    public long? FailAt { get; init; }

    /// <summary>Reading this index signals <see cref="Blocked"/> and waits for <see cref="Gate"/>.</summary>
    public long? BlockAt { get; init; }

    public ManualResetEventSlim Blocked { get; } = new();

    public ManualResetEventSlim Gate { get; } = new();

    /// <summary>Called with the sample index before each read, on the thread that reads it.</summary>
    public Action<long>? BeforeRead { get; init; }

    /// <summary>Called with the number of reads so far (this one included); returns false when the read breaks the test's invariant.</summary>
    public Func<long, bool>? Check { get; init; }

    public long Reads => Interlocked.Read(ref reads);

    public int Violations { get; private set; }

    /// <summary>A source whose sample i has the single feature i and the target i % classes.</summary>
    public static ArraySource Numbered(int n, int classes) =>
        new(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), Enumerable.Range(0, n).Select(i => (float)(i % classes)).ToArray(), 1, 1);

    public void Read(long index, Span<float> features1, Span<float> target)
    {
        BeforeRead?.Invoke(index);
        var count = Interlocked.Increment(ref reads);
        if (Check is not null && !Check(count))
        {
            Violations++;
        }

        if (index == BlockAt)
        {
            Blocked.Set();
            Gate.Wait();
        }

        if (index == FailAt)
        {
            throw new DatasetException($"'/data/shard-3.bin': sample {index} is truncated (12 of 784 bytes).");
        }

        features.AsSpan((int)index * featureSize, featureSize).CopyTo(features1);
        targets.AsSpan((int)index * targetWidth, targetWidth).CopyTo(target);
    }
}
