using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>One component of an experiment: the plugin named in a section and its bound, validated options.</summary>
/// <param name="Name">The registered name (<c>mlp</c>).</param>
/// <param name="Plugin">The plugin instance.</param>
/// <param name="Options">An instance of the plugin's options type, bound from its section.</param>
internal sealed record PluginUse(string Name, IPlugin Plugin, object Options);
