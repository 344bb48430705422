using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Plugins;

namespace Crucible.Host.Configuration;

/// <summary>
/// Writes the JSON Schema (draft 2020-12) of experiment files, including the options of every
/// discovered plugin, so an editor given <c>"$schema"</c> completes and checks plugin names and options.
/// </summary>
internal static class ExperimentSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    public static JsonObject Generate(PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var hostDocs = XmlDocumentation.ForAssembly(typeof(ExperimentSchema).Assembly.Location);
        var defs = new JsonObject();
        foreach (var kind in PluginKinds.All)
        {
            defs[PluginKinds.DisplayName(kind)] = KindSchema(kind, catalog);
        }

        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "This schema's location, for editors." },
            [ExperimentDocument.ExtendsKey] = new JsonObject
            {
                ["description"] = "Base experiment file(s), relative to this file, deep-merged under this one.",
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string" },
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }),
            },
            ["task"] = Ref("task"),
            ["dataset"] = Ref("dataset"),
            ["model"] = Ref("model"),
            ["models"] = ByRole("model", "The model of each role the task names (a GAN's generator and discriminator); instead of \"model\"."),
            ["loss"] = Ref("loss"),
            ["losses"] = ByRole("loss", "The loss of each role the task names; instead of \"loss\"."),
            ["optimizer"] = Ref("optimizer"),
            ["optimizers"] = ByRole("optimizer", "The optimizer of each model role the task names; instead of \"optimizer\"."),
            ["scheduler"] = Ref("scheduler"),
            ["schedulers"] = ByRole("scheduler", "A learning-rate scheduler for some of the optimizer roles (a GAN's generator, discriminator or both), each stepping that role's optimizer; instead of \"scheduler\"."),
            ["metrics"] = new JsonObject { ["type"] = "array", ["items"] = Ref("metric") },
            ["callbacks"] = new JsonObject { ["type"] = "array", ["items"] = Ref("callback") },
            ["training"] = TypeSchema(typeof(TrainingOptions), hostDocs, new TrainingOptions()),
            ["tracking"] = TypeSchema(typeof(TrackingOptions), hostDocs, new TrackingOptions()),
        };

        return new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "Crucible experiment",
            ["description"] = "A Crucible experiment file: optional task, dataset, model(s), loss(es), optimizer(s), optional scheduler(s), metrics, training and tracking settings.",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
            ["$defs"] = defs,
        };
    }

    private static JsonObject Ref(string def) => new() { ["$ref"] = $"#/$defs/{def}" };

    private static JsonObject ByRole(string def, string description) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["additionalProperties"] = Ref(def),
    };

    private static JsonObject KindSchema(PluginKind kind, PluginCatalog catalog)
    {
        var plugins = catalog.Plugins.Where(p => p.Kind == kind).ToList();
        var alternatives = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "string",
                ["description"] = $"A {PluginKinds.DisplayName(kind)} plugin's name, with default options.",
                ["enum"] = new JsonArray(plugins.Select(p => (JsonNode)p.Name).ToArray()),
            },
        };
        foreach (var plugin in plugins)
        {
            var schema = TypeSchema(plugin.OptionsType, plugin.Assembly.Documentation, Activator.CreateInstance(plugin.OptionsType));
            var properties = (JsonObject)schema["properties"]!;
            var withName = new JsonObject { ["name"] = new JsonObject { ["const"] = plugin.Name } };
            foreach (var (key, value) in properties)
            {
                withName[key] = value?.DeepClone();
            }

            schema["properties"] = withName;
            schema["required"] = new JsonArray("name");
            schema["title"] = $"{PluginKinds.DisplayName(kind)} '{plugin.Name}'";
            if (plugin.Description is not null)
            {
                schema["description"] = plugin.Description;
            }

            alternatives.Add(schema);
        }

        return new JsonObject { ["anyOf"] = alternatives };
    }

    private static JsonObject TypeSchema(Type type, XmlDocumentation docs, object? defaults)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new JsonObject();
        if (underlying == typeof(string))
        {
            schema["type"] = "string";
        }
        else if (underlying == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte))
        {
            schema["type"] = "integer";
        }
        else if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            schema["type"] = "number";
        }
        else if (underlying.IsEnum)
        {
            schema["enum"] = new JsonArray(OptionsBinder.EnumNames(underlying).Select(n => (JsonNode)n).ToArray());
        }
        else if (OptionsBinder.ElementTypeOfList(underlying) is { } element)
        {
            schema["type"] = "array";
            schema["items"] = TypeSchema(element, docs, null);
        }
        else if (OptionsBinder.ValueTypeOfDictionary(underlying) is { } value)
        {
            schema["type"] = "object";
            schema["additionalProperties"] = TypeSchema(value, docs, null);
        }
        else if (typeof(JsonNode).IsAssignableFrom(underlying) || underlying == typeof(JsonElement))
        {
            // Free-form JSON the plugin interprets itself.
        }
        else if (underlying.IsClass && underlying.GetConstructor(Type.EmptyTypes) is not null)
        {
            var instance = defaults ?? Activator.CreateInstance(underlying);
            var properties = new JsonObject();
            foreach (var property in OptionsBinder.BindableProperties(underlying))
            {
                var propertyDefault = instance is null ? null : property.GetValue(instance);
                var propertySchema = TypeSchema(property.PropertyType, docs, propertyDefault);
                AddDetails(propertySchema, property, propertyDefault, docs);
                properties[OptionsBinder.JsonName(property)] = propertySchema;
            }

            schema["type"] = "object";
            schema["properties"] = properties;
            schema["additionalProperties"] = false;
            if (docs.Summary(underlying) is { } summary)
            {
                schema["description"] = summary;
            }
        }

        return schema;
    }

    private static void AddDetails(JsonObject schema, PropertyInfo property, object? value, XmlDocumentation docs)
    {
        if (docs.Summary(property) is { } summary)
        {
            schema["description"] = summary;
        }

        if (value is not null && schema["type"]?.GetValue<string>() != "object")
        {
            schema["default"] = JsonNode.Parse(OptionsDescriber.DefaultJson(value, property.PropertyType));
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            if (min == double.Epsilon)
            {
                schema["exclusiveMinimum"] = 0;
            }
            else
            {
                schema["minimum"] = min;
            }

            if (max < double.MaxValue && !double.IsPositiveInfinity(max) && max < int.MaxValue)
            {
                schema["maximum"] = max;
            }
        }

        var isString = schema["type"]?.GetValue<string>() == "string";
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            schema[isString ? "minLength" : "minItems"] = minLength.Length;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            schema[isString ? "maxLength" : "maxItems"] = maxLength.Length;
        }

        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } regex)
        {
            schema["pattern"] = regex.Pattern;
        }

        if (property.GetCustomAttribute<DataPathAttribute>() is not null)
        {
            schema["format"] = "path";
        }
    }
}
