using Crucible.Host.Configuration;
using Crucible.Host.Plugins;

namespace Crucible.Host.Training;

/// <summary>
/// A validated experiment, ready to run: every section resolved to its plugin and bound options. The
/// host's <c>run</c> command builds it after validation succeeded, so nothing here is re-checked.
/// </summary>
internal sealed record RunPlan
{
    /// <summary>The experiment file as given (for its name and folder).</summary>
    public required string ExperimentFile { get; init; }

    /// <summary>
    /// The resolved experiment (extends merged, overrides applied) as JSON text: recorded as params and
    /// as the <c>experiment.json</c> artifact, so the run can be reproduced from its record.
    /// </summary>
    public required string ResolvedJson { get; init; }

    public required PluginUse Dataset { get; init; }

    public required PluginUse Model { get; init; }

    public required PluginUse Loss { get; init; }

    public required PluginUse Optimizer { get; init; }

    public PluginUse? Scheduler { get; init; }

    public IReadOnlyList<PluginUse> Metrics { get; init; } = [];

    public IReadOnlyList<PluginUse> Callbacks { get; init; } = [];

    public required TrainingOptions Training { get; init; }

    public required TrackingOptions Tracking { get; init; }

    /// <summary>The plugin assemblies loaded for this run, recorded as tags (version, SHA-256).</summary>
    public IReadOnlyList<PluginAssembly> PluginAssemblies { get; init; } = [];
}
