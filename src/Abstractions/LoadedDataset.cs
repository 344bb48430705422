namespace Crucible.Abstractions;

/// <summary>
/// What a dataset plugin returns: its splits as tensors and its metadata. The trainer owns it and
/// disposes it at the end of the run.
/// </summary>
public sealed class LoadedDataset : IDisposable
{
    /// <summary>The training split.</summary>
    public required DataSplit Train { get; init; }

    /// <summary>
    /// A validation split the dataset provides (a separate file). Defaults to null: the trainer then
    /// holds out <c>training.validationSplit</c> of <see cref="Train"/>.
    /// </summary>
    public DataSplit? Validation { get; init; }

    /// <summary>The test split, evaluated once after training. Defaults to null (no test).</summary>
    public DataSplit? Test { get; init; }

    /// <summary>Shapes, task and provenance of the data.</summary>
    public required DatasetMetadata Metadata { get; init; }

    /// <summary>Augmentation applied to training batches only. Defaults to null (none).</summary>
    public IBatchTransform? TrainTransform { get; init; }

    /// <summary>Frees every split's tensors.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test?.Dispose();
    }
}
