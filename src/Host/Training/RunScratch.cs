using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// What exists of a run before it is recorded: where it will be recorded, its scratch folder and
/// log, and the signal handling that turns into a graceful stop once the run exists.
/// </summary>
internal sealed record RunScratch(
    string TrackingUri,
    string ExperimentName,
    string DeviceName,
    string OutputDirectory,
    ILogger Logger,
    RunInterruption Interruption)
{
    /// <summary>The new run's name, when not the experiment's <c>tracking.runName</c> (<c>lr-find</c>).</summary>
    public string? RunName { get; init; }
}
