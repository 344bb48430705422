using Crucible.Abstractions;
using Crucible.Host.Plugins;

namespace Crucible.Host.Configuration;

/// <summary>One plugin an experiment uses: which, its validated options, and where it is configured.</summary>
/// <typeparam name="TPlugin">The contract (<see cref="IModel"/>, <see cref="IDataset"/>, ...).</typeparam>
internal sealed class PluginComponent<TPlugin>
    where TPlugin : IPlugin
{
    public required PluginDescriptor Descriptor { get; init; }

    /// <summary>The plugin instance (a stateless singleton).</summary>
    public required TPlugin Plugin { get; init; }

    /// <summary>The bound and validated options, an instance of <see cref="PluginDescriptor.OptionsType"/>; data paths are absolute.</summary>
    public required object Options { get; init; }

    /// <summary>Where the section is in the experiment file (<c>$.model</c>, <c>$.metrics[0]</c>).</summary>
    public required string JsonPath { get; init; }

    public string Name => Descriptor.Name;
}
