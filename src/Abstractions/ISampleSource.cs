namespace Crucible.Abstractions;

/// <summary>
/// One split of a dataset read lazily, sample by sample, for data that does not fit in memory (the
/// second shape a dataset plugin can return besides an in-memory <see cref="DataSplit"/>; PyTorch's
/// map-style <c>Dataset</c>). The trainer's loader decides the order, reads the samples of each batch
/// (in background workers with <c>training.workers</c>), collates them into tensors on the training
/// device and applies <see cref="LoadedDataset.TrainTransform"/> to training batches, exactly as for
/// an in-memory split. Every sample has the dataset's <see cref="DatasetMetadata.FeatureShape"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Read"/> is called concurrently from several workers and must be thread-safe; it must
/// not keep what it reads (the loader bounds memory to <c>training.prefetch</c> batches). A source
/// that holds files or mappings implements <see cref="IDisposable"/>: <see cref="LoadedDataset"/>
/// disposes it at the end of the run.
/// </para>
/// <para>
/// Targets: a classification dataset whose <see cref="DatasetMetadata.OutputSize"/> is more than 1
/// writes one value, the class index (collated to int64 <c>[B]</c>); otherwise the source writes
/// <see cref="DatasetMetadata.OutputSize"/> values (collated to float32 <c>[B, OutputSize]</c>), the
/// same tensors an in-memory split of the same data holds.
/// </para>
/// </remarks>
public interface ISampleSource
{
    /// <summary>The number of samples; indices run from 0 to <c>Count - 1</c>.</summary>
    long Count { get; }

    /// <summary>
    /// Reads sample <paramref name="index"/>: its features, row-major, into <paramref name="features"/>
    /// (as many values as the product of <see cref="DatasetMetadata.FeatureShape"/>) and its target
    /// into <paramref name="target"/> (see the remarks for its length). Throw
    /// <see cref="DatasetException"/> for bad data (a corrupt image, a short file, an unreadable row)
    /// with a message naming the file and the sample index; the run then fails with that message.
    /// </summary>
    void Read(long index, Span<float> features, Span<float> target);
}
