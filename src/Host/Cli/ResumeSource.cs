using Crucible.Host.Configuration;
using Crucible.Host.Training;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Cli;

/// <summary>
/// The experiment <c>crucible run --resume RUN_ID</c> continues: the run's own recorded
/// <c>experiment.json</c> (with any <c>--set</c> applied), or the given file, which must resolve to
/// the recorded experiment except for a larger <c>training.epochs</c>. Reads the run, never changes it.
/// </summary>
internal static class ResumeSource
{
    public static async Task<(Experiment? Experiment, ResumePoint? Point, int ExitCode)> ResolveAsync(
        CliSession session, RunOptions options, string runId, string? file, IReadOnlyList<string> overrides, string scratch)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        Experiment? fromFile = null;
        if (file is not null)
        {
            fromFile = session.LoadExperiment(file, overrides);
            if (fromFile is null)
            {
                return (null, null, ExitCodes.BadInput);
            }
        }

        ResumePoint point;
        try
        {
            var trackingUri = TrackingUriResolver.Resolve(options.TrackingUri, fromFile?.Tracking.TrackingUri, workingDirectory: options.WorkingDirectory);
            point = await TrackedRun.ReadResumePointAsync(trackingUri, runId, scratch).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ResumeException or TrackingException)
        {
            await session.Error.WriteLineAsync($"error: {MessageText.Shorten(e.Message)}").ConfigureAwait(false);
            return (null, null, ExitCodes.BadInput);
        }
        catch (MlflowApiException e)
        {
            await session.Error.WriteLineAsync($"error: --resume {runId}: cannot read the run: {MessageText.Shorten(e.Message)}").ConfigureAwait(false);
            return (null, null, ExitCodes.Failed);
        }

        if (point.RecordedExperiment is null)
        {
            if (fromFile is null)
            {
                await session.Error.WriteLineAsync($"error: --resume {runId}: the run has no recorded {TrackedRun.RecordedExperimentArtifact}; give the experiment file it was started with.").ConfigureAwait(false);
                return (null, null, ExitCodes.BadInput);
            }

            return (fromFile, point, ExitCodes.Success);
        }

        var recorded = session.LoadExperiment(point.RecordedExperiment, []);
        if (recorded is null)
        {
            await session.Error.WriteLineAsync($"error: --resume {runId}: the run's recorded {TrackedRun.RecordedExperimentArtifact} no longer loads (see above).").ConfigureAwait(false);
            return (null, null, ExitCodes.BadInput);
        }

        var experiment = fromFile ?? (overrides.Count > 0 ? session.LoadExperiment(point.RecordedExperiment, overrides) : recorded);
        if (experiment is null)
        {
            return (null, null, ExitCodes.BadInput);
        }

        var changes = ExperimentDiff.Changes(recorded.Resolved, experiment.Resolved);
        if (changes.Count > 0)
        {
            await session.Error.WriteLineAsync(
                $"error: --resume {runId}: {(fromFile is null ? "the overrides change" : $"{file} differs from")} the experiment the run recorded; only training.epochs may grow:").ConfigureAwait(false);
            foreach (var change in changes)
            {
                await session.Error.WriteLineAsync($"  {change}").ConfigureAwait(false);
            }

            await session.Error.WriteLineAsync("Nothing was run or recorded; the run is unchanged.").ConfigureAwait(false);
            return (null, null, ExitCodes.BadInput);
        }

        return (experiment, point, ExitCodes.Success);
    }
}
