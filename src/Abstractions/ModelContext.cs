namespace Crucible.Abstractions;

/// <summary>What a model plugin gets besides its options: the data it will see.</summary>
public sealed class ModelContext : PluginContext
{
    /// <summary>The dataset's metadata (feature shape, output size, task, vocabulary).</summary>
    public required DatasetMetadata Dataset { get; init; }

    /// <summary>The shape of one input sample, without the batch dimension.</summary>
    public IReadOnlyList<long> InputShape => Dataset.FeatureShape;

    /// <summary>The width the model's output layer must have.</summary>
    public int OutputSize => Dataset.OutputSize;
}
