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

    public required PluginComponent<IModel> Model { get; init; }

    public required PluginComponent<ILossFunction> Loss { get; init; }

    public required PluginComponent<IOptimizer> Optimizer { get; init; }

    /// <summary>The learning-rate scheduler, or null when the file has no <c>scheduler</c> section.</summary>
    public PluginComponent<ILrScheduler>? Scheduler { get; init; }

    public required IReadOnlyList<PluginComponent<IMetric>> Metrics { get; init; }

    public required IReadOnlyList<PluginComponent<ICallback>> Callbacks { get; init; }

    public required TrainingOptions Training { get; init; }

    public required TrackingOptions Tracking { get; init; }

    /// <summary>Every plugin assembly the experiment uses, once each (recorded as version and SHA-256 tags).</summary>
    public IReadOnlyList<PluginAssembly> PluginAssemblies =>
        new PluginDescriptor?[] { Dataset.Descriptor, Model.Descriptor, Loss.Descriptor, Optimizer.Descriptor, Scheduler?.Descriptor }
            .Concat(Metrics.Select(m => m.Descriptor))
            .Concat(Callbacks.Select(c => c.Descriptor))
            .Where(d => d is not null)
            .Select(d => d!.Assembly)
            .DistinctBy(a => a.Path)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
}
