namespace Crucible.Abstractions;

/// <summary>What a callback plugin gets besides its options.</summary>
public sealed class CallbackContext : PluginContext
{
    /// <summary>The dataset's metadata.</summary>
    public required DatasetMetadata Dataset { get; init; }
}
