using System.Text.Json;
using Crucible.Host.Configuration;

namespace Crucible.Host.Plugins;

/// <summary>Describes an options class for <c>crucible plugins</c> and the JSON Schema.</summary>
internal static class OptionsDescriber
{
    /// <summary>The options of <paramref name="optionsType"/> with their defaults (from a fresh instance) and doc summaries.</summary>
    public static IReadOnlyList<OptionInfo> Describe(Type optionsType, XmlDocumentation documentation)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(documentation);
        var defaults = Activator.CreateInstance(optionsType);
        return OptionsBinder.BindableProperties(optionsType)
            .Select(p => new OptionInfo(
                OptionsBinder.JsonName(p),
                p,
                OptionsBinder.Describe(p.PropertyType),
                DefaultJson(p.GetValue(defaults), p.PropertyType),
                documentation.Summary(p)))
            .ToList();
    }

    public static string DefaultJson(object? value, Type type) =>
        value is null ? "null" : JsonSerializer.Serialize(value, type, CompactJson);

    private static readonly JsonSerializerOptions CompactJson = new(ExperimentLoader.ResolvedJson) { WriteIndented = false };
}
