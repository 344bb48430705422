namespace Crucible.Host.Plugins;

/// <summary>One registered plugin: what it is, where it came from, what it takes.</summary>
internal sealed class PluginDescriptor
{
    public required PluginKind Kind { get; init; }

    /// <summary>The key experiment files use (<c>[Plugin("mlp")]</c>).</summary>
    public required string Name { get; init; }

    public required Type ImplementationType { get; init; }

    public required PluginAssembly Assembly { get; init; }

    /// <summary>The options class; set once the plugin has been constructed.</summary>
    public Type OptionsType { get; set; } = typeof(Abstractions.NoOptions);

    /// <summary>One line for listings and the schema, or null.</summary>
    public string? Description { get; set; }

    public string KindName => PluginKinds.DisplayName(Kind);
}
