namespace Crucible.Abstractions;

/// <summary>What a dataset plugin gets besides its options.</summary>
public sealed class DatasetContext : PluginContext
{
    /// <summary>
    /// The folder of the experiment file, for anything a plugin resolves itself. Options marked with
    /// <see cref="DataPathAttribute"/> arrive already resolved to absolute paths.
    /// </summary>
    public required string ExperimentDirectory { get; init; }

    /// <summary>The data root from <c>CRUCIBLE_DATA</c>, or null when it is not set.</summary>
    public string? DataRoot { get; init; }

    /// <summary>
    /// A folder where the plugin may cache downloads or preprocessed data across runs.
    /// <c>CRUCIBLE_CACHE</c>, else <c>$XDG_CACHE_HOME/crucible</c>, else <c>~/.cache/crucible</c>;
    /// the host creates it on demand.
    /// </summary>
    public required string CacheDirectory { get; init; }
}
