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
        ["task", "dataset", "model", "models", "loss", "losses", "optimizer", "optimizers", "scheduler", "schedulers", "metrics", "callbacks", "training", "tracking"];

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
        var task = Component<ITrainingTask>(root["task"], PluginKind.Task, "$.task", binder, required: false);
        var roles = TaskRolesOf(task, binder);
        var taskName = task?.Descriptor.Name ?? "supervised";
        var dataset = Component<IDataset>(root["dataset"], PluginKind.Dataset, "$.dataset", binder, required: true);
        // A task that could not be resolved says nothing about roles: only its own problem is reported.
        var rolesKnown = root["task"] is null || task is not null;
        var models = RoleComponents<IModel>(root, PluginKind.Model, "model", "models", TaskRoles.Model, roles.Models, taskName, binder, rolesKnown);
        var losses = RoleComponents<ILossFunction>(root, PluginKind.Loss, "loss", "losses", TaskRoles.Loss, roles.Losses, taskName, binder, rolesKnown);
        var optimizers = RoleComponents<IOptimizer>(root, PluginKind.Optimizer, "optimizer", "optimizers", TaskRoles.Model, roles.Optimizers, taskName, binder, rolesKnown);
        var scheduler = Component<ILrScheduler>(root["scheduler"], PluginKind.Scheduler, "$.scheduler", binder, required: false);
        var schedulers = RoleSchedulers(root, roles.Optimizers, taskName, binder, rolesKnown);
        var metrics = ComponentList<IMetric>(root["metrics"], PluginKind.Metric, "$.metrics", binder);
        var callbacks = ComponentList<ICallback>(root["callbacks"], PluginKind.Callback, "$.callbacks", binder);
        var training = (TrainingOptions)Section(root["training"], typeof(TrainingOptions), "$.training", binder);
        var tracking = (TrackingOptions)Section(root["tracking"], typeof(TrackingOptions), "$.tracking", binder);

        var validator = new OptionsValidator(problems, binder.FailedPaths, new PathResolution(Path.GetDirectoryName(document.FilePath)!, dataRoot));
        foreach (var component in new IComponent?[] { task, dataset, scheduler }.Concat(models.Components).Concat(losses.Components).Concat(optimizers.Components).Concat(schedulers.Values).Concat(metrics).Concat(callbacks))
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
        // An experiment without a task section resolves as it always did (same params): the
        // supervised default adds nothing; role sections keep the shape they were written in.
        var resolved = new JsonObject();
        if (task is not null)
        {
            resolved["task"] = task.ToJson();
        }

        resolved["dataset"] = dataset!.ToJson();
        models.AddTo(resolved);
        losses.AddTo(resolved);
        optimizers.AddTo(resolved);
        if (scheduler is not null)
        {
            resolved["scheduler"] = scheduler.ToJson();
        }

        if (schedulers.Count > 0)
        {
            resolved["schedulers"] = new JsonObject(schedulers.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.ToJson())));
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
            Task = task?.ToComponent(),
            Roles = roles,
            Dataset = dataset.ToComponent(),
            Models = models.ToComponents(),
            Losses = losses.ToComponents(),
            Optimizers = optimizers.ToComponents(),
            Scheduler = scheduler?.ToComponent(),
            Schedulers = schedulers.ToDictionary(p => p.Key, p => p.Value.ToComponent(), StringComparer.Ordinal),
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

    /// <summary>The task's roles; a task that cannot say (bad options) counts as the single-role one, its problem reported.</summary>
    private static TaskRoles TaskRolesOf(Bound<ITrainingTask>? task, OptionsBinder binder)
    {
        if (task is null)
        {
            return TaskRoles.Single;
        }

        try
        {
            var roles = task.Plugin.Roles(task.Options);
            if (roles.Models.Count == 0)
            {
                binder.Problems.Add(task.JsonPath, $"the task '{task.Descriptor.Name}' declares no model role; a task needs at least one model.");
                return TaskRoles.Single;
            }

            return roles;
        }
        catch (Exception e) when (e is ExperimentConfigException or ArgumentException or InvalidOperationException)
        {
            binder.Problems.Add(task.JsonPath, $"the task '{task.Descriptor.Name}' could not say which roles it needs: {e.Message}");
            return TaskRoles.Single;
        }
    }

    /// <summary>
    /// The components of one role kind: <c>"model": {...}</c> fills the single role
    /// <paramref name="singleRole"/>, <c>"models": { "generator": {...}, ... }</c> one per role;
    /// every role the task needs is filled and no other.
    /// </summary>
    private RoleSet<T> RoleComponents<T>(JsonObject root, PluginKind kind, string singular, string plural, string singleRole, IReadOnlyList<string> roles, string taskName, OptionsBinder binder, bool rolesKnown)
        where T : class, IPlugin
    {
        var word = PluginKinds.DisplayName(kind);
        if (!rolesKnown)
        {
            return new RoleSet<T>(singular, plural);
        }

        var singleNode = root[singular];
        var pluralNode = root[plural];
        var set = new RoleSet<T>(singular, plural);
        var rolesText = string.Join(", ", roles.Select(r => $"'{r}'"));
        if (singleNode is not null && pluralNode is not null)
        {
            binder.Problems.Add(JsonPaths.Property(JsonPaths.Root, plural), $"both \"{singular}\" and \"{plural}\" are set: use \"{singular}\" for one {word}, \"{plural}\" (by role) for several, not both.");
            return set;
        }

        if (pluralNode is null)
        {
            var singlePath = JsonPaths.Property(JsonPaths.Root, singular);
            if (roles.Count == 0)
            {
                if (singleNode is not null)
                {
                    binder.Problems.Add(singlePath, $"the task '{taskName}' takes no {word}: remove the \"{singular}\" section.");
                }

                return set;
            }

            if (roles.Count == 1 && roles[0] == singleRole)
            {
                if (Component<T>(singleNode, kind, singlePath, binder, required: true) is { } bound)
                {
                    set.Single = bound;
                    set.Roles[singleRole] = bound;
                }

                return set;
            }

            binder.Problems.Add(
                singleNode is null ? JsonPaths.Property(JsonPaths.Root, plural) : singlePath,
                $"the task '{taskName}' needs {Article(word)} {word} for each of the roles {rolesText}: write \"{plural}\": {{ {string.Join(", ", roles.Select(r => $"\"{r}\": {{ \"name\": \"...\" }}"))} }}. {Available(kind)}");
            return set;
        }

        var pluralPath = JsonPaths.Property(JsonPaths.Root, plural);
        if (pluralNode is not JsonObject byRole)
        {
            binder.Problems.Add(pluralPath, $"expected an object with a {word} per role ({rolesText}), got {ExperimentDocument.Kind(pluralNode)}.");
            return set;
        }

        foreach (var (role, _) in byRole)
        {
            if (!roles.Contains(role, StringComparer.Ordinal))
            {
                binder.Problems.Add(
                    JsonPaths.Property(pluralPath, role),
                    roles.Count == 0
                        ? $"the task '{taskName}' takes no {word}: remove \"{plural}\"."
                        : $"the task '{taskName}' has no {word} role '{role}'.{NameSuggestions.DidYouMean(role, roles)} Its {word} roles are {rolesText}.");
            }
        }

        foreach (var role in roles)
        {
            var rolePath = JsonPaths.Property(pluralPath, role);
            if (byRole[role] is null)
            {
                binder.Problems.Add(rolePath, $"the task '{taskName}' needs {Article(word)} {word} for the role '{role}': add \"{role}\": {{ \"name\": \"...\" }} to \"{plural}\". {Available(kind)}");
                continue;
            }

            if (Component<T>(byRole[role], kind, rolePath, binder, required: true) is { } bound)
            {
                set.Roles[role] = bound;
            }
        }

        return set;
    }

    /// <summary>
    /// The <c>schedulers</c> section: a scheduler for some of the optimizer roles (any subset), each
    /// stepping that role's optimizer; <c>scheduler</c> is the single-role spelling (the primary optimizer's).
    /// </summary>
    private Dictionary<string, Bound<ILrScheduler>> RoleSchedulers(JsonObject root, IReadOnlyList<string> roles, string taskName, OptionsBinder binder, bool rolesKnown)
    {
        var result = new Dictionary<string, Bound<ILrScheduler>>(StringComparer.Ordinal);
        var node = root["schedulers"];
        if (node is null || !rolesKnown)
        {
            return result;
        }

        var path = JsonPaths.Property(JsonPaths.Root, "schedulers");
        var rolesText = string.Join(", ", roles.Select(r => $"'{r}'"));
        if (root["scheduler"] is not null)
        {
            binder.Problems.Add(path, "both \"scheduler\" and \"schedulers\" are set: use \"scheduler\" for the one optimizer's, \"schedulers\" (by optimizer role) for several, not both.");
            return result;
        }

        if (node is not JsonObject byRole)
        {
            binder.Problems.Add(path, $"expected an object with a scheduler per optimizer role ({rolesText}), got {ExperimentDocument.Kind(node)}.");
            return result;
        }

        foreach (var (role, component) in byRole)
        {
            var rolePath = JsonPaths.Property(path, role);
            if (!roles.Contains(role, StringComparer.Ordinal))
            {
                binder.Problems.Add(
                    rolePath,
                    $"the task '{taskName}' has no optimizer role '{role}' to schedule.{NameSuggestions.DidYouMean(role, roles)} Its optimizer roles are {rolesText}.");
                continue;
            }

            if (Component<ILrScheduler>(component, PluginKind.Scheduler, rolePath, binder, required: true) is { } bound)
            {
                result[role] = bound;
            }
        }

        return result;
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

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

    /// <summary>The components of one role kind, and whether the file wrote the single or the by-role section.</summary>
    private sealed class RoleSet<T>(string singular, string plural)
        where T : class, IPlugin
    {
        public Bound<T>? Single { get; set; }

        public Dictionary<string, Bound<T>> Roles { get; } = new(StringComparer.Ordinal);

        public IEnumerable<IComponent> Components => Roles.Values;

        public void AddTo(JsonObject resolved)
        {
            if (Single is not null)
            {
                resolved[singular] = Single.ToJson();
            }
            else if (Roles.Count > 0)
            {
                var byRole = new JsonObject();
                foreach (var (role, bound) in Roles)
                {
                    byRole[role] = bound.ToJson();
                }

                resolved[plural] = byRole;
            }
        }

        public Dictionary<string, PluginComponent<T>> ToComponents() =>
            Roles.ToDictionary(p => p.Key, p => p.Value.ToComponent(), StringComparer.Ordinal);
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
