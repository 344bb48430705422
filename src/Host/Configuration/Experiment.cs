using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Host.Plugins;

namespace Crucible.Host.Configuration;

/// <summary>
/// A validated experiment, ready to run: every plugin resolved, every option bound and checked.
/// Nothing in it has touched libtorch, the data or MLflow yet.
/// </summary>
internal sealed class Experiment
{
    /// <summary>The absolute path of the experiment file.</summary>
    public required string FilePath { get; init; }

    /// <summary>The experiment file's name without extension (the default MLflow experiment name).</summary>
    public string Name => Path.GetFileNameWithoutExtension(FilePath);

    /// <summary>The folder of the experiment file.</summary>
    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>
    /// The experiment as it will run: <c>extends</c> merged, <c>--set</c> applied, every option present
    /// with its default filled in and data paths absolute; no <c>$schema</c> or <c>extends</c>. This is
    /// what is recorded (flattened into params, and as the resolved experiment file artifact).
    /// </summary>
    public required JsonElement Resolved { get; init; }

    /// <summary>The experiment as written (after <c>extends</c> and <c>--set</c>), without defaults.</summary>
    public required JsonElement AsWritten { get; init; }

    /// <summary>The <c>--set</c> overrides applied, as given.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    public required PluginComponent<IDataset> Dataset { get; init; }

    /// <summary>The training task, or null for the default: the supervised step of <see cref="SupervisedTask"/>.</summary>
    public PluginComponent<ITrainingTask>? Task { get; init; }

    /// <summary>The roles the task needs, filled by <see cref="Models"/>, <see cref="Optimizers"/> and <see cref="Losses"/>.</summary>
    public TaskRoles Roles { get; init; } = TaskRoles.Single;

    /// <summary>The model of every model role, in the task's role order (the first is the primary model).</summary>
    public required IReadOnlyDictionary<string, PluginComponent<IModel>> Models { get; init; }

    /// <summary>The optimizer of every optimizer role, in the task's role order.</summary>
    public required IReadOnlyDictionary<string, PluginComponent<IOptimizer>> Optimizers { get; init; }

    /// <summary>The loss of every loss role, in the task's role order; empty for a task that computes its own loss.</summary>
    public required IReadOnlyDictionary<string, PluginComponent<ILossFunction>> Losses { get; init; }

    /// <summary>The primary model (the task's first model role): the run's model.</summary>
    public PluginComponent<IModel> Model => Models[Roles.Models[0]];

    /// <summary>The primary model's optimizer, or the first one.</summary>
    public PluginComponent<IOptimizer> Optimizer => Optimizers.TryGetValue(Roles.Models[0], out var primary) ? primary : Optimizers.Values.First();

    /// <summary>The first loss, or null for a task without loss roles.</summary>
    public PluginComponent<ILossFunction>? Loss => Losses.Values.FirstOrDefault();

    /// <summary>The learning-rate scheduler, or null when the file has no <c>scheduler</c> section.</summary>
    public PluginComponent<ILrScheduler>? Scheduler { get; init; }

    /// <summary>The <c>schedulers</c> section: a scheduler for some optimizer roles, by role; empty without one.</summary>
    public IReadOnlyDictionary<string, PluginComponent<ILrScheduler>> Schedulers { get; init; } = new Dictionary<string, PluginComponent<ILrScheduler>>(StringComparer.Ordinal);

    /// <summary>Every scheduler by the optimizer role it steps: <c>scheduler</c> steps the primary optimizer's.</summary>
    public IReadOnlyDictionary<string, PluginComponent<ILrScheduler>> SchedulersByRole =>
        Scheduler is { } single
            ? new Dictionary<string, PluginComponent<ILrScheduler>>(StringComparer.Ordinal) { [Optimizers.First(o => o.Value == Optimizer).Key] = single }
            : Schedulers;

    public required IReadOnlyList<PluginComponent<IMetric>> Metrics { get; init; }

    public required IReadOnlyList<PluginComponent<ICallback>> Callbacks { get; init; }

    public required TrainingOptions Training { get; init; }

    public required TrackingOptions Tracking { get; init; }

    /// <summary>Every plugin assembly the experiment uses, once each (recorded as version and SHA-256 tags).</summary>
    public IReadOnlyList<PluginAssembly> PluginAssemblies =>
        new PluginDescriptor?[] { Task?.Descriptor, Dataset.Descriptor, Scheduler?.Descriptor }
            .Concat(Schedulers.Values.Select(s => s.Descriptor))
            .Concat(Models.Values.Select(m => m.Descriptor))
            .Concat(Losses.Values.Select(l => l.Descriptor))
            .Concat(Optimizers.Values.Select(o => o.Descriptor))
            .Concat(Metrics.Select(m => m.Descriptor))
            .Concat(Callbacks.Select(c => c.Descriptor))
            .Where(d => d is not null)
            .Select(d => d!.Assembly)
            .DistinctBy(a => a.Path)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
}
