namespace Crucible.Abstractions;

/// <summary>What a metric plugin gets besides its options.</summary>
public sealed class MetricContext : PluginContext
{
    /// <summary>The dataset's metadata (task kind, number of classes, class names).</summary>
    public required DatasetMetadata Dataset { get; init; }
}
