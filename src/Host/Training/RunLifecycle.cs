using System.Diagnostics;
using Crucible.Abstractions;
using Crucible.Host.Cli;
using Crucible.Host.SystemMetrics;
using Crucible.Torch;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Microsoft.Extensions.Logging;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// The life of one MLflow run around its training: starts it (or reopens it for <c>--resume</c>),
/// turns Ctrl+C / SIGTERM into a graceful stop, and ends it FINISHED, FAILED or KILLED with the run's
/// log attached, whatever the training did; what the store cannot take stays in the outbox. Returns
/// the process exit code: 0 success, 1 the run failed, 2 bad input (nothing recorded), 130 interrupted.
/// </summary>
internal static partial class RunLifecycle
{
    /// <summary>
    /// Runs <paramref name="train"/> inside a run recorded at <paramref name="scratch"/>'s tracking URI
    /// (a new one, or the one <see cref="RunOptions.Resume"/> names, reopened only now);
    /// <paramref name="train"/> returns true when an interrupt stopped it. The caller composed and
    /// checked the run before, and owns the scratch folder and the log.
    /// </summary>
    public static async Task<int> RunAsync(Experiment experiment, RunOptions options, RunScratch scratch, Func<ActiveRun, Task<bool>> train)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(train);
        var (trackingUri, logger, interruption, outputDirectory) = (scratch.TrackingUri, scratch.Logger, scratch.Interruption, scratch.OutputDirectory);

        // From here a signal stops the run gracefully: it is checkpointed and ended KILLED.
        interruption.Graceful = true;

        // User info in the URI authenticates (the store reads it); it is shown and recorded nowhere.
        var shownUri = UriUserInfo.Strip(trackingUri);
        TrackedRun run;
        try
        {
            run = options.Resume is { } resume
                ? await TrackedRun.ReopenAsync(trackingUri, resume.RunId, logger).ConfigureAwait(false)
                : await TrackedRun.StartAsync(trackingUri, scratch.ExperimentName, scratch.RunName ?? experiment.Tracking.RunName, experiment.Tracking.Tags, experiment.Directory, logger).ConfigureAwait(false);
        }
        catch (ResumeException e)
        {
            LogBadResume(logger, e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is TrackingException or MlflowApiException)
        {
            LogTrackingUnavailable(logger, shownUri, e.Message);
            return ExitCodes.Failed;
        }

        await using (run.ConfigureAwait(false))
        {
            LogRunStarted(logger, run.RunId, run.ExperimentName, shownUri, scratch.DeviceName);
            options.RunStarted?.Invoke(run.RunId);
            interruption.OnSecondSignal = () =>
            {
                // Second signal: the run is still ended KILLED before the process exits.
                run.SetTag("crucible.stop_reason", "Interrupted twice; stopped at once.");
                run.EndAsync(RunStatus.Killed, null).Wait(TimeSpan.FromSeconds(10));
            };
            var watch = Stopwatch.StartNew();
            try
            {
                var active = new ActiveRun
                {
                    Run = run,
                    OutputDirectory = outputDirectory,
                    Logger = logger,
                    Interrupt = interruption.Token,
                    LastCheckpoint = options.Resume?.LastCheckpoint,
                    BestCheckpoint = options.Resume?.BestCheckpoint,
                };
                bool interrupted = interruption.Requested;
                if (!interrupted)
                {
                    await using (StartSystemMetrics(experiment, run, logger).ConfigureAwait(false))
                    {
                        interrupted = await train(active).ConfigureAwait(false);
                    }
                }

                if (interrupted)
                {
                    return await EndInterruptedAsync(run, outputDirectory, logger, interruption).ConfigureAwait(false);
                }

                LogRunFinished(logger, run.RunId, watch.Elapsed.TotalSeconds);
                await FinishAsync(run, outputDirectory, RunStatus.Finished, null).ConfigureAwait(false);
                return await RegisterModelAsync(options, run.RunId, trackingUri, logger).ConfigureAwait(false);
            }
            catch (Exception e) when (interruption.Requested && e is OperationCanceledException)
            {
                return await EndInterruptedAsync(run, outputDirectory, logger, interruption).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var message = e is CrucibleException or TorchException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                LogRunFailed(logger, run.RunId, message);
                LogFailureDetail(logger, e);
                await FinishAsync(run, outputDirectory, RunStatus.Failed, e.ToString(), message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
    }

    /// <summary>--register-model: a new registry version of the finished run's model; the run stays FINISHED whatever happens here.</summary>
    private static async Task<int> RegisterModelAsync(RunOptions options, string runId, string trackingUri, ILogger logger)
    {
        if (options.RegisterModel is not { } name)
        {
            return ExitCodes.Success;
        }

        try
        {
            var version = await Models.ModelRegistration.RegisterAsync(trackingUri, runId, name).ConfigureAwait(false);
            LogRegistered(logger, version.Name, version.Version);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is CrucibleException or TrackingException or MlflowApiException)
        {
            LogRegistrationFailed(logger, name, e.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The run's background system metrics (stopped before the run ends), or nothing when <c>tracking.systemMetrics</c> is false.</summary>
    private static IAsyncDisposable StartSystemMetrics(Experiment experiment, TrackedRun run, ILogger logger)
    {
        if (!experiment.Tracking.SystemMetrics)
        {
            return NoSystemMetrics.Instance;
        }

        return SystemMetricsSampler.Start(
            run,
            SystemMetricsSources.ForThisMachine(logger),
            TimeSpan.FromSeconds(experiment.Tracking.SystemMetricsInterval),
            TimeProvider.System,
            logger,
            firstStep: run.NextSystemMetricsStep);
    }

    private static async Task<int> EndInterruptedAsync(TrackedRun run, string outputDirectory, ILogger logger, RunInterruption interruption)
    {
        LogInterrupted(logger, run.RunId);
        await FinishAsync(run, outputDirectory, RunStatus.Killed, $"Interrupted by {interruption.Signal?.ToString() ?? "a signal"}.").ConfigureAwait(false);
        return ExitCodes.Interrupted;
    }

    /// <summary>The MLflow experiment a new run goes to: <c>--experiment</c>, the file, <c>MLFLOW_EXPERIMENT_NAME</c>, the file's name.</summary>
    public static string ExperimentName(Experiment experiment, RunOptions options) =>
        TrackingUriResolver.ResolveExperimentName(
            options.ExperimentName,
            experiment.Tracking.ExperimentName ?? experiment.Name);

    private static async Task FinishAsync(TrackedRun run, string outputDirectory, RunStatus status, string? error, string? summary = null)
    {
        run.LogArtifact(Path.Combine(outputDirectory, RunLogging.FileName));
        if (status == RunStatus.Killed && error is not null)
        {
            // An interrupt is not an error: say why in a tag, keep crucible.error for failures.
            run.SetTag("crucible.stop_reason", error);
            error = null;
        }

        await run.EndAsync(status, error, summary).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the model as models:/{Name}/{Version}")]
    private static partial void LogRegistered(ILogger logger, string name, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the model as '{Name}' (the run is recorded; retry with: crucible register <run id> <name>): {Message}")]
    private static partial void LogRegistrationFailed(ILogger logger, string name, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started in experiment '{Experiment}' ({TrackingUri}) on {Device}")]
    private static partial void LogRunStarted(ILogger logger, string runId, string experiment, string trackingUri, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished in {Seconds:F1} s")]
    private static partial void LogRunFinished(ILogger logger, string runId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} interrupted; it ends KILLED. Continue it with: crucible run <file> --resume {RunId}")]
    private static partial void LogInterrupted(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed: {Message}")]
    private static partial void LogRunFailed(ILogger logger, string runId, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Failure detail")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogBadResume(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot record to {TrackingUri}: {Message}")]
    private static partial void LogTrackingUnavailable(ILogger logger, string trackingUri, string message);

    private sealed class NoSystemMetrics : IAsyncDisposable
    {
        public static readonly NoSystemMetrics Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
