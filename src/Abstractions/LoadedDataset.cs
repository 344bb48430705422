namespace Crucible.Abstractions;

/// <summary>
/// What a dataset plugin returns: its splits and its metadata. Each split comes in one of two shapes:
/// in memory, as tensors (<see cref="Train"/>, <see cref="Validation"/>, <see cref="Test"/>; the fast
/// path for data that fits), or read lazily by index (<see cref="TrainSource"/>,
/// <see cref="ValidationSource"/>, <see cref="TestSource"/>; see <see cref="ISampleSource"/>). Set at
/// most one shape per split, and one of the two for training. The trainer owns it and disposes it at
/// the end of the run.
/// </summary>
public sealed class LoadedDataset : IDisposable
{
    /// <summary>The training split in memory. Defaults to null: then <see cref="TrainSource"/> must be set.</summary>
    public DataSplit? Train { get; init; }

    /// <summary>The training split read lazily. Defaults to null: then <see cref="Train"/> must be set.</summary>
    public ISampleSource? TrainSource { get; init; }

    /// <summary>
    /// A validation split the dataset provides (a separate file). Defaults to null: the trainer then
    /// holds out <c>training.validationSplit</c> of <see cref="Train"/>.
    /// </summary>
    public DataSplit? Validation { get; init; }

    /// <summary>A validation split the dataset provides, read lazily (see <see cref="Validation"/>). Defaults to null.</summary>
    public ISampleSource? ValidationSource { get; init; }

    /// <summary>The test split, evaluated once after training. Defaults to null (no test).</summary>
    public DataSplit? Test { get; init; }

    /// <summary>The test split read lazily (see <see cref="Test"/>). Defaults to null.</summary>
    public ISampleSource? TestSource { get; init; }

    /// <summary>Shapes, task and provenance of the data.</summary>
    public required DatasetMetadata Metadata { get; init; }

    /// <summary>Augmentation applied to training batches only. Defaults to null (none).</summary>
    public IBatchTransform? TrainTransform { get; init; }

    /// <summary>Frees every split's tensors and disposes every source that is <see cref="IDisposable"/>.</summary>
    public void Dispose()
    {
        Train?.Dispose();
        Validation?.Dispose();
        Test?.Dispose();
        (TrainSource as IDisposable)?.Dispose();
        (ValidationSource as IDisposable)?.Dispose();
        (TestSource as IDisposable)?.Dispose();
    }
}
