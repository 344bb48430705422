namespace Crucible.Host.Plugins;

/// <summary>What <c>crucible plugins install</c> put where.</summary>
/// <param name="Name">The plugin assembly's name (its folder's name).</param>
/// <param name="Folder">The installed folder.</param>
/// <param name="Version">The plugin assembly's version.</param>
/// <param name="Plugins">Each plugin it holds, as <c>kind 'name'</c>.</param>
/// <param name="Replaced">True when an installed copy was replaced.</param>
internal sealed record PluginInstallResult(string Name, string Folder, string Version, IReadOnlyList<string> Plugins, bool Replaced);
