namespace Crucible.Abstractions;

/// <summary>What a loss plugin gets besides its options.</summary>
public sealed class LossContext : PluginContext
{
    /// <summary>The dataset's metadata (for example the number of classes, to check class weights).</summary>
    public required DatasetMetadata Dataset { get; init; }
}
