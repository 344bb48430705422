namespace Crucible.Host.Plugins;

/// <summary>What the folder scan found: loaded assemblies (sorted), plugin classes, and what was skipped.</summary>
internal sealed class DiscoveredPlugins
{
    public required IReadOnlyList<PluginFolder> Folders { get; init; }

    /// <summary>Loaded plugin assemblies, sorted ordinally by name then path so registration is deterministic.</summary>
    public required IReadOnlyList<PluginAssembly> Assemblies { get; init; }

    public required IReadOnlyList<PluginCandidate> Candidates { get; init; }

    /// <summary>Assemblies and classes that were skipped, with the reason.</summary>
    public required IReadOnlyList<PluginProblem> Problems { get; init; }

    /// <summary>Explicitly named folders that do not exist (bad input).</summary>
    public required IReadOnlyList<PluginFolder> MissingFolders { get; init; }
}
