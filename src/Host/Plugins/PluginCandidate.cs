namespace Crucible.Host.Plugins;

/// <summary>A plugin class found in a loaded assembly, before it has been constructed.</summary>
internal sealed record PluginCandidate(Type Type, string Name, IReadOnlyList<PluginKind> Kinds, PluginAssembly Assembly);
