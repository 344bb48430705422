namespace Crucible.Host.Data;

/// <summary>
/// One batch read from a source into host memory: the features and targets of <see cref="Count"/>
/// samples, row-major. The loader keeps a fixed pool of them (<see cref="LoaderOptions.Prefetch"/>),
/// which is what bounds its memory.
/// </summary>
internal sealed class HostBatch(int batchSize, SampleLayout layout)
{
    public float[] Features { get; } = new float[(long)batchSize * layout.FeatureSize];

    public float[] Targets { get; } = new float[(long)batchSize * layout.TargetWidth];

    /// <summary>The batch this buffer holds (its position in the pass).</summary>
    public int Batch { get; set; }

    /// <summary>How many samples it holds (the last batch of a pass may be short).</summary>
    public int Count { get; set; }
}
