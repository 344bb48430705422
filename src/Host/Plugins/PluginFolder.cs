namespace Crucible.Host.Plugins;

/// <summary>A folder searched for plugins, and why it is searched.</summary>
/// <param name="Path">The absolute folder path.</param>
/// <param name="Origin">Where it came from (<c>built-in</c>, <c>./plugins</c>, <c>--plugins</c>, <c>CRUCIBLE_PLUGINS</c>).</param>
/// <param name="Explicit">True when the user named it, so a missing folder is an error rather than nothing to load.</param>
internal sealed record PluginFolder(string Path, string Origin, bool Explicit)
{
    public const string EnvironmentVariable = "CRUCIBLE_PLUGINS";

    /// <summary>
    /// The folders in search order: the built-in folder next to the host, the user's folder that
    /// <c>crucible plugins install</c> fills, <c>./plugins</c>, each <c>--plugins DIR</c>, then each entry
    /// of <c>CRUCIBLE_PLUGINS</c> (path-separator separated). The same folder reached twice is searched once.
    /// </summary>
    public static IReadOnlyList<PluginFolder> Resolve(
        string hostDirectory, string userDirectory, string workingDirectory, IEnumerable<string> cliFolders, string? environmentValue)
    {
        var folders = new List<PluginFolder>
        {
            new(System.IO.Path.Combine(hostDirectory, "plugins"), "built-in", false),
            new(userDirectory, "installed", false),
            new(System.IO.Path.Combine(workingDirectory, "plugins"), "./plugins", false),
        };
        folders.AddRange(cliFolders.Select(f => new PluginFolder(System.IO.Path.GetFullPath(f, workingDirectory), "--plugins", true)));
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            folders.AddRange(environmentValue
                .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => new PluginFolder(System.IO.Path.GetFullPath(f, workingDirectory), EnvironmentVariable, true)));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return folders
            .Select(f => f with { Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(f.Path)) })
            .Where(f => seen.Add(f.Path))
            .ToList();
    }
}
