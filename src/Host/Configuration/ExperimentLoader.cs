using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Host.Plugins;

namespace Crucible.Host.Configuration;

/// <summary>
/// Turns an experiment file (plus <c>--set</c> overrides) into a validated <see cref="Experiment"/>,
/// or throws one <see cref="ExperimentConfigException"/> listing every problem: unknown sections,
/// plugins and options, wrong types, values out of range, missing data. Touches neither libtorch nor MLflow.
/// </summary>
internal sealed class ExperimentLoader
{
    /// <summary>The top-level keys of an experiment file, in the order they are documented.</summary>
    /// <summary>The section <c>crucible sweep</c> reads (<see cref="Sweeps.SweepDefinition"/>); not part of a run.</summary>
    public const string SweepSection = "sweep";

    public static readonly IReadOnlyList<string> Sections =
        ["dataset", "model", "loss", "optimizer", "scheduler", "metrics", "callbacks", "training", "tracking"];

    /// <summary>How options are written back into the resolved experiment.</summary>
    public static readonly JsonSerializerOptions ResolvedJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    private readonly PluginCatalog catalog;

    public ExperimentLoader(PluginCatalog catalog)
    {
        this.catalog = catalog;
    }

    /// <param name="path">The experiment file, as the user gave it.</param>
    /// <param name="overrides">The <c>--set key=value</c> texts, in order.</param>
    /// <param name="workingDirectory">Where relative paths on the command line start.</param>
    /// <param name="dataRoot">The data root (<c>CRUCIBLE_DATA</c>), or null.</param>
    public Experiment Load(string path, IReadOnlyList<string> overrides, string workingDirectory, string? dataRoot)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var document = ExperimentDocument.Load(path, workingDirectory);
        var problems = new ProblemCollector(document.SourceOf);
        document.ApplyOverrides(overrides, problems);
        var root = document.Root;

        foreach (var (key, _) in root)
        {
            // The sweep section belongs to `crucible sweep`; a single run ignores it.
            if (key != ExperimentDocument.SchemaKey && key != SweepSection && !Sections.Contains(key, StringComparer.Ordinal))
            {
                problems.Add(
                    JsonPaths.Property(JsonPaths.Root, key),
                    $"unknown section '{key}'.{NameSuggestions.DidYouMean(key, Sections)} Sections are: {string.Join(", ", Sections)}.");
            }
        }

        var binder = new OptionsBinder(problems);
        var dataset = Component<IDataset>(root["dataset"], PluginKind.Dataset, "$.dataset", binder, required: true);
        var model = Component<IModel>(root["model"], PluginKind.Model, "$.model", binder, required: true);
        var loss = Component<ILossFunction>(root["loss"], PluginKind.Loss, "$.loss", binder, required: true);
        var optimizer = Component<IOptimizer>(root["optimizer"], PluginKind.Optimizer, "$.optimizer", binder, required: true);
        var scheduler = Component<ILrScheduler>(root["scheduler"], PluginKind.Scheduler, "$.scheduler", binder, required: false);
        var metrics = ComponentList<IMetric>(root["metrics"], PluginKind.Metric, "$.metrics", binder);
        var callbacks = ComponentList<ICallback>(root["callbacks"], PluginKind.Callback, "$.callbacks", binder);
        var training = (TrainingOptions)Section(root["training"], typeof(TrainingOptions), "$.training", binder);
        var tracking = (TrackingOptions)Section(root["tracking"], typeof(TrackingOptions), "$.tracking", binder);

        var validator = new OptionsValidator(problems, binder.FailedPaths, new PathResolution(Path.GetDirectoryName(document.FilePath)!, dataRoot));
        foreach (var component in new IComponent?[] { dataset, model, loss, optimizer, scheduler }.Concat(metrics).Concat(callbacks))
        {
            if (component is not null)
            {
                validator.Validate(component.Options, component.JsonPath);
            }
        }

        validator.Validate(training, "$.training");
        validator.Validate(tracking, "$.tracking");
        problems.ThrowIfAny();

        var asWritten = (JsonObject)root.DeepClone();
        asWritten.Remove(ExperimentDocument.SchemaKey);
        var resolved = new JsonObject
        {
            ["dataset"] = dataset!.ToJson(),
            ["model"] = model!.ToJson(),
            ["loss"] = loss!.ToJson(),
            ["optimizer"] = optimizer!.ToJson(),
        };
        if (scheduler is not null)
        {
            resolved["scheduler"] = scheduler.ToJson();
        }

        resolved["metrics"] = new JsonArray(metrics.Select(m => (JsonNode)m.ToJson()).ToArray());
        resolved["callbacks"] = new JsonArray(callbacks.Select(c => (JsonNode)c.ToJson()).ToArray());
        resolved["training"] = JsonSerializer.SerializeToNode(training, ResolvedJson);
        resolved["tracking"] = JsonSerializer.SerializeToNode(tracking, ResolvedJson);

        return new Experiment
        {
            FilePath = document.FilePath,
            Resolved = JsonSerializer.SerializeToElement(resolved),
            AsWritten = JsonSerializer.SerializeToElement(asWritten),
            Overrides = overrides.ToList(),
            Dataset = dataset.ToComponent(),
            Model = model.ToComponent(),
            Loss = loss.ToComponent(),
            Optimizer = optimizer.ToComponent(),
            Scheduler = scheduler?.ToComponent(),
            Metrics = metrics.Select(m => m.ToComponent()).ToList(),
            Callbacks = callbacks.Select(c => c.ToComponent()).ToList(),
            Training = training,
            Tracking = tracking,
        };
    }

    private static object Section(JsonNode? node, Type type, string path, OptionsBinder binder)
    {
        if (node is not null and not JsonObject)
        {
            binder.FailedPaths.Add(path);
            return BindFailed(binder, path, $"expected an object, got {ExperimentDocument.Kind(node)}.", type);
        }

        return binder.BindObject(node as JsonObject, type, path, path[2..]);
    }

    private static object BindFailed(OptionsBinder binder, string path, string message, Type type)
    {
        binder.Problems.Add(path, message);
        return Activator.CreateInstance(type)!;
    }

    private Bound<T>? Component<T>(JsonNode? node, PluginKind kind, string path, OptionsBinder binder, bool required)
        where T : class, IPlugin
    {
        var word = PluginKinds.DisplayName(kind);
        if (node is null)
        {
            if (required)
            {
                binder.Problems.Add(path, $"the {word} section is missing: add {{ \"name\": \"...\" }} naming the {word} plugin. {Available(kind)}");
            }

            return null;
        }

        // "loss": "cross-entropy" is short for "loss": { "name": "cross-entropy" }.
        if (node is JsonValue shorthand && shorthand.GetValueKind() == JsonValueKind.String)
        {
            node = new JsonObject { ["name"] = shorthand.GetValue<string>() };
        }

        if (node is not JsonObject section)
        {
            binder.Problems.Add(path, $"expected an object with a \"name\" naming the {word} plugin, got {ExperimentDocument.Kind(node)}.");
            return null;
        }

        var namePath = JsonPaths.Property(path, "name");
        var nameNode = section["name"];
        if (nameNode is null)
        {
            binder.Problems.Add(path, $"\"name\" is missing: it names the {word} plugin. {Available(kind)}");
            return null;
        }

        if (nameNode is not JsonValue || nameNode.GetValueKind() != JsonValueKind.String)
        {
            binder.Problems.Add(namePath, $"expected the {word} plugin's name (a string), got {ExperimentDocument.Kind(nameNode)}.");
            return null;
        }

        var name = nameNode.GetValue<string>();
        var descriptor = catalog.Find(kind, name);
        if (descriptor is null)
        {
            var ambiguity = catalog.AmbiguityOf(kind, name);
            binder.Problems.Add(namePath, ambiguity ?? $"unknown {word} '{name}'.{NameSuggestions.DidYouMean(name, catalog.Names(kind))} {Available(kind)}");
            return null;
        }

        var options = binder.BindObject(section, descriptor.OptionsType, path, $"{word} '{descriptor.Name}'", "name");
        return new Bound<T>(descriptor, (T)catalog.Resolve(descriptor), options, path);
    }

    private List<Bound<T>> ComponentList<T>(JsonNode? node, PluginKind kind, string path, OptionsBinder binder)
        where T : class, IPlugin
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            binder.Problems.Add(path, $"expected a list of {PluginKinds.PluralName(kind)} (names or {{ \"name\": ... }} objects), got {ExperimentDocument.Kind(node)}.");
            return [];
        }

        var result = new List<Bound<T>>();
        for (var i = 0; i < array.Count; i++)
        {
            if (Component<T>(array[i], kind, JsonPaths.Index(path, i), binder, required: true) is { } bound)
            {
                result.Add(bound);
            }
        }

        return result;
    }

    private string Available(PluginKind kind)
    {
        var word = PluginKinds.DisplayName(kind);
        var names = catalog.Names(kind);
        return names.Count > 0
            ? $"Available {PluginKinds.PluralName(kind)}: {string.Join(", ", names)}."
            : $"No {word} plugins are installed (searched {string.Join(", ", catalog.Folders.Select(f => f.Path))}).";
    }

    private interface IComponent
    {
        object Options { get; }

        string JsonPath { get; }
    }

    private sealed record Bound<T>(PluginDescriptor Descriptor, T Plugin, object Options, string JsonPath) : IComponent
        where T : class, IPlugin
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject { ["name"] = Descriptor.Name };
            if (JsonSerializer.SerializeToNode(Options, Descriptor.OptionsType, ResolvedJson) is JsonObject options)
            {
                foreach (var (key, value) in options)
                {
                    json[key] = value?.DeepClone();
                }
            }

            return json;
        }

        public PluginComponent<T> ToComponent() => new()
        {
            Descriptor = Descriptor,
            Plugin = Plugin,
            Options = Options,
            JsonPath = JsonPath,
        };
    }
}
