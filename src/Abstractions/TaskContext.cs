namespace Crucible.Abstractions;

/// <summary>What a training task plugin gets besides its options: the data it will see.</summary>
public sealed class TaskContext : PluginContext
{
    /// <summary>The dataset's metadata (feature shape, output size, task kind).</summary>
    public required DatasetMetadata Dataset { get; init; }
}
