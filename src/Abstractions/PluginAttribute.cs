namespace Crucible.Abstractions;

/// <summary>
/// Registers a plugin class under the name an experiment file uses for it (<c>"name": "mlp"</c>).
/// Names are unique per kind across every loaded plugin assembly; lower-case kebab-case by convention.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PluginAttribute : Attribute
{
    /// <summary>Registers the class under <paramref name="name"/>.</summary>
    /// <param name="name">The key an experiment file names the plugin by.</param>
    public PluginAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The key an experiment file names the plugin by.</summary>
    public string Name { get; }

    /// <summary>
    /// One line shown by <c>crucible plugins</c> and in the JSON Schema. Defaults to the class's XML
    /// documentation summary when the plugin ships its XML documentation file, else none.
    /// </summary>
    public string? Description { get; set; }
}
