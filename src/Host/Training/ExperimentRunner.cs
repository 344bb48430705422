using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Host.Cli;
using Crucible.Host.Configuration;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Tracking;
using Microsoft.Extensions.Logging;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// Runs one validated experiment end to end: starts (or resumes) the MLflow run, seeds libtorch,
/// composes the plugins, trains, tests, records everything, and ends the run FINISHED, FAILED or
/// KILLED. Returns the process exit code: 0 success, 1 the run failed, 2 bad input (nothing recorded),
/// 130 interrupted.
/// </summary>
internal sealed partial class ExperimentRunner
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private readonly Experiment experiment;
    private readonly RunOptions options;

    public ExperimentRunner(Experiment experiment, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        this.experiment = experiment;
        this.options = options;
    }

    /// <summary>Runs <paramref name="experiment"/> and returns the exit code.</summary>
    public static Task<int> RunAsync(Experiment experiment, RunOptions options) => new ExperimentRunner(experiment, options).RunAsync();

    public async Task<int> RunAsync()
    {
        var training = experiment.Training;
        Device device;
        string trackingUri;
        try
        {
            device = Reproducibility.ResolveDevice(training.Device);
            trackingUri = TrackingUriResolver.Resolve(options.TrackingUri, experiment.Tracking.TrackingUri, workingDirectory: options.WorkingDirectory);
        }
        catch (Exception e) when (e is TrainingException or TrackingException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var outputDirectory = Directory.CreateTempSubdirectory("crucible-run-").FullName;
        using var logging = RunLogging.Create(Path.Combine(outputDirectory, RunLogging.FileName), options.Verbose, options.LogFile);
        var logger = logging.CreateLogger("Crucible.Training");
        TrackedRun run;
        string? lastCheckpoint = null;
        string? bestCheckpoint = null;
        try
        {
            if (options.ResumeRunId is { } resumeId)
            {
                (run, lastCheckpoint, bestCheckpoint) = await TrackedRun.ResumeAsync(trackingUri, resumeId, Path.Combine(outputDirectory, "resume"), logger).ConfigureAwait(false);
            }
            else
            {
                run = await TrackedRun.StartAsync(trackingUri, ExperimentName(), experiment.Tracking.RunName, experiment.Tracking.Tags, ExperimentDirectory(), logger).ConfigureAwait(false);
            }
        }
        catch (ResumeException e)
        {
            LogBadResume(logger, e.Message);
            TryDelete(outputDirectory);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is TrackingException or MlflowApiException)
        {
            LogTrackingUnavailable(logger, trackingUri, e.Message);
            TryDelete(outputDirectory);
            return ExitCodes.Failed;
        }

        await using (run.ConfigureAwait(false))
        {
            var deviceName = device.ToString();
            LogRunStarted(logger, run.RunId, run.ExperimentName, trackingUri, deviceName);
            using var interruption = new RunInterruption(() =>
            {
                // Second signal: the run is still ended KILLED before the process exits.
                run.SetTag("crucible.stop_reason", "Interrupted twice; stopped at once.");
                run.EndAsync(RunStatus.Killed, null).Wait(TimeSpan.FromSeconds(10));
            });
            var watch = Stopwatch.StartNew();
            try
            {
                var interrupted = await TrainAsync(run, device, outputDirectory, lastCheckpoint, bestCheckpoint, logger, interruption.Token).ConfigureAwait(false);
                if (interrupted)
                {
                    LogInterrupted(logger, run.RunId);
                    await FinishAsync(run, outputDirectory, RunStatus.Killed, $"Interrupted by {interruption.Signal?.ToString() ?? "a signal"}.").ConfigureAwait(false);
                    return ExitCodes.Interrupted;
                }

                LogRunFinished(logger, run.RunId, watch.Elapsed.TotalSeconds);
                await FinishAsync(run, outputDirectory, RunStatus.Finished, null).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception e) when (interruption.Requested && e is OperationCanceledException)
            {
                LogInterrupted(logger, run.RunId);
                await FinishAsync(run, outputDirectory, RunStatus.Killed, $"Interrupted by {interruption.Signal?.ToString() ?? "a signal"}.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
            catch (Exception e)
            {
                var message = e is CrucibleException or TorchException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                LogRunFailed(logger, run.RunId, message);
                LogFailureDetail(logger, e);
                await FinishAsync(run, outputDirectory, RunStatus.Failed, e.ToString(), message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            finally
            {
                TryDelete(outputDirectory);
            }
        }
    }

    /// <summary>Everything between "run started" and "run ended"; true when an interrupt stopped training.</summary>
    private async Task<bool> TrainAsync(TrackedRun run, Device device, string outputDirectory, string? lastCheckpoint, string? bestCheckpoint, ILogger logger, CancellationToken interrupt)
    {
        var training = experiment.Training;
        RecordSetup(run, device, outputDirectory);

        // The one seed: everything random below draws from libtorch's generator in a fixed order
        // (holdout split, weight init, then per epoch shuffling, dropout, augmentation).
        Reproducibility.Apply(training.Seed, training.Deterministic, training.Threads);

        var resumeFrom = lastCheckpoint is null ? null : Checkpointer.ReadInfo(lastCheckpoint);
        if (resumeFrom is not null)
        {
            LogResuming(logger, run.RunId, resumeFrom.Epoch);
        }

        var dataContext = new DatasetContext
        {
            Device = device,
            Logger = logger,
            Seed = training.Seed,
            CancellationToken = interrupt,
            ExperimentDirectory = ExperimentDirectory(),
            DataRoot = Environment.GetEnvironmentVariable("CRUCIBLE_DATA"),
            CacheDirectory = CacheDirectory(),
        };
        using var data = experiment.Dataset.Plugin.Load(experiment.Dataset.Options, dataContext);
        interrupt.ThrowIfCancellationRequested();
        var metadata = data.Metadata;
        run.LogInput(metadata);

        var (train, validation, ownsSplits) = Splits(data, training.ValidationSplit, device);
        try
        {
            LogData(logger, metadata.Name, train.Count, validation?.Count ?? 0, data.Test?.Count ?? 0);
            using var model = experiment.Model.Plugin.Create(experiment.Model.Options, new ModelContext { Device = device, Logger = logger, Seed = training.Seed, Dataset = metadata });
            model.To(device);
            var loss = experiment.Loss.Plugin.Create(experiment.Loss.Options, new LossContext { Device = device, Logger = logger, Seed = training.Seed, Dataset = metadata });
            using var optimizer = experiment.Optimizer.Plugin.Create(experiment.Optimizer.Options, new OptimizerContext { Device = device, Logger = logger, Seed = training.Seed, Model = model });
            var stepsPerEpoch = checked((int)((train.Count + training.BatchSize - 1) / training.BatchSize));
            var schedule = experiment.Scheduler is { } s
                ? s.Plugin.Create(s.Options, new SchedulerContext { Device = device, Logger = logger, Seed = training.Seed, Optimizer = optimizer, Epochs = training.Epochs, StepsPerEpoch = stepsPerEpoch })
                : null;
            if (schedule?.Monitor is { } watched && MonitorName(watched, validation is not null) is var monitored && monitored != watched)
            {
                // Without a validation split a plateau scheduler watching val_loss watches train_loss, as early stopping does.
                schedule = new LrSchedule { Scheduler = schedule.Scheduler, Interval = schedule.Interval, Monitor = monitored, StepWithMetric = schedule.StepWithMetric };
            }

            RecordModel(run, model, outputDirectory);

            var metrics = CreateMetrics(metadata, device, logger, validation is not null, data.Test is not null);
            var callbacks = new List<(string, ITrainingCallback)>();
            try
            {
                var earlyStopping = training.EarlyStopping is { } es
                    ? new EarlyStopping(new MetricMonitor(MonitorName(es.Monitor, validation is not null), es.Mode, es.MinDelta), es.Patience)
                    : null;
                foreach (var c in experiment.Callbacks)
                {
                    callbacks.Add((c.Name, c.Plugin.Create(c.Options, new CallbackContext { Device = device, Logger = logger, Seed = training.Seed, CancellationToken = interrupt, Dataset = metadata })));
                }

                if (earlyStopping is not null)
                {
                    callbacks.Add(("early-stopping", earlyStopping));
                }

                var checkpoint = training.Checkpoint;
                var checkpointer = checkpoint.Enabled
                    ? new Checkpointer(
                        Path.Combine(outputDirectory, "checkpoints"),
                        checkpoint.SaveBest ? new MetricMonitor(MonitorName(checkpoint.Monitor, validation is not null), checkpoint.Mode) : null,
                        earlyStopping,
                        run,
                        training.Seed,
                        checkpoint.EveryEpochs)
                    : null;

                var trainer = new Trainer(
                    model,
                    loss,
                    optimizer,
                    schedule,
                    new TrainerOptions
                    {
                        Epochs = training.Epochs,
                        BatchSize = training.BatchSize,
                        Shuffle = training.Shuffle,
                        ClipGradientNorm = training.GradientClipping?.MaxNorm,
                        ClipGradientNormType = training.GradientClipping?.NormType ?? 2.0,
                        ClipGradientValue = training.GradientClipping?.Value,
                        LogEveryNSteps = training.LogEverySteps ?? 0,
                    },
                    metrics,
                    new CallbackDispatcher(callbacks),
                    metadata,
                    device,
                    run,
                    run.RunId,
                    outputDirectory,
                    logger,
                    interrupt)
                {
                    EpochCompleted = checkpointer is null ? null : checkpointer.OnEpochCompleted,
                    Progress = ConsoleProgress.ForConsole(),
                };

                var startEpoch = 0;
                long startStep = 0;
                if (resumeFrom is not null && lastCheckpoint is not null)
                {
                    if (checkpointer is null)
                    {
                        throw new TrainingException("Resuming needs checkpointing: training.checkpoint.enabled is false in this experiment file.");
                    }

                    checkpointer.Restore(lastCheckpoint, trainer);
                    checkpointer.AdoptBest(bestCheckpoint);
                    startEpoch = resumeFrom.Epoch;
                    startStep = resumeFrom.GlobalStep;
                }
                else
                {
                    // Epoch 0: an interrupted first epoch still leaves something to resume from.
                    checkpointer?.OnEpochCompleted(trainer);
                }

                trainer.Fit(train, validation, data.TrainTransform, startEpoch, startStep);
                if (trainer.Interrupted)
                {
                    return true;
                }

                if (trainer.StopReason is { } reason)
                {
                    LogStoppedEarly(logger, trainer.CompletedEpochs, reason);
                    run.SetTag("crucible.stopped_early", reason);
                }

                if (earlyStopping is not null && training.EarlyStopping!.RestoreBestWeights && checkpointer?.BestDirectory is { } best)
                {
                    Checkpointer.LoadWeights(best, model);
                    LogRestoredBest(logger, checkpointer.Best!.BestEpoch, checkpointer.Best.Metric, checkpointer.Best.Best ?? double.NaN);
                }

                if (validation is not null)
                {
                    trainer.RecordMetricArtifacts("val");
                }

                if (data.Test is { } test)
                {
                    var testMetrics = trainer.Test(test);

                    // The dataset's reference predictors go next to the test metrics they are compared with.
                    foreach (var (key, value) in metadata.Baselines)
                    {
                        run.LogMetric(key, value, trainer.CompletedEpochs);
                        testMetrics[key] = value;
                    }

                    var testLine = string.Join(" ", testMetrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:G6}")));
                    LogTest(logger, testLine);
                    trainer.RecordMetricArtifacts("test");
                    if (PredictionReport.Write(trainer, test, Path.Combine(outputDirectory, "predictions")) is { } report)
                    {
                        run.LogArtifact(report.Path, "predictions");
                        foreach (var line in report.Lines)
                        {
                            LogPrediction(logger, line);
                        }
                    }
                }

                var weights = Path.Combine(outputDirectory, "model.safetensors");
                model.Save(weights);
                run.LogArtifact(weights);
                return false;
            }
            finally
            {
                foreach (var list in metrics.Values)
                {
                    foreach (var m in list)
                    {
                        m.Accumulator.Dispose();
                    }
                }

                foreach (var (_, callback) in callbacks)
                {
                    (callback as IDisposable)?.Dispose();
                }
            }
        }
        finally
        {
            if (ownsSplits)
            {
                train.Dispose();
                validation?.Dispose();
            }
        }
    }

    private void RecordSetup(TrackedRun run, Device device, string outputDirectory)
    {
        if (options.ResumeRunId is null)
        {
            run.LogParams(ExperimentParams.Flatten(experiment.Resolved));
        }

        run.SetTags(RunTags.Collect(device, experiment.PluginAssemblies));
        var file = Path.Combine(outputDirectory, "experiment.json");
        File.WriteAllText(file, JsonSerializer.Serialize(experiment.Resolved, IndentedJson));
        run.LogArtifact(file);
    }

    private static void RecordModel(TrackedRun run, Module model, string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, "model-summary.txt");
        File.WriteAllText(path, ModelSummary.Describe(model));
        run.LogArtifact(path, "model");
        run.SetTag("crucible.model.parameters", ModelSummary.ParameterCount(model).ToString(CultureInfo.InvariantCulture));
    }

    private Dictionary<string, IReadOnlyList<NamedMetric>> CreateMetrics(DatasetMetadata metadata, Device device, ILogger logger, bool validation, bool test)
    {
        var result = new Dictionary<string, IReadOnlyList<NamedMetric>>(StringComparer.Ordinal);
        var splits = new List<string> { "train" };
        if (validation)
        {
            splits.Add("val");
        }

        if (test)
        {
            splits.Add("test");
        }

        foreach (var split in splits)
        {
            result[split] = experiment.Metrics
                .Select(m => new NamedMetric(m.Name, m.Plugin.Create(m.Options, new MetricContext { Device = device, Logger = logger, Seed = experiment.Training.Seed, Dataset = metadata })))
                .ToList();
        }

        return result;
    }

    private static (DataSplit Train, DataSplit? Validation, bool Owned) Splits(LoadedDataset data, double validationSplit, Device device)
    {
        var train = data.Train;
        if (train.Features.Device != device || train.Targets.Device != device)
        {
            throw new TrainingException($"The dataset returned its training split on {train.Features.Device}, but training runs on {device}; a dataset plugin must create its tensors on DatasetContext.Device.");
        }

        if (data.Validation is not null || validationSplit <= 0)
        {
            return (train, data.Validation, false);
        }

        var (t, v) = ValidationHoldout.Split(train, validationSplit);
        return (t, v, true);
    }

    /// <summary>A monitor left at its default <c>val_loss</c> watches <c>train_loss</c> when there is no validation data.</summary>
    private static string MonitorName(string monitor, bool hasValidation) =>
        !hasValidation && monitor == "val_loss" ? "train_loss" : monitor;

    private string ExperimentDirectory() => experiment.Directory;

    private string ExperimentName() =>
        TrackingUriResolver.ResolveExperimentName(
            options.ExperimentName,
            experiment.Tracking.ExperimentName ?? experiment.Name);

    private static string CacheDirectory() =>
        Environment.GetEnvironmentVariable("CRUCIBLE_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "crucible");

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

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the run's record is complete.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started in experiment '{Experiment}' ({TrackingUri}) on {Device}")]
    private static partial void LogRunStarted(ILogger logger, string runId, string experiment, string trackingUri, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming run {RunId} after epoch {Epoch}")]
    private static partial void LogResuming(ILogger logger, string runId, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data {Dataset}: {Train} training, {Validation} validation, {Test} test samples")]
    private static partial void LogData(ILogger logger, string dataset, long train, long validation, long test);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after epoch {Epoch}: {Reason}")]
    private static partial void LogStoppedEarly(ILogger logger, int epoch, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the best weights (epoch {Epoch}, {Metric}={Value:G6})")]
    private static partial void LogRestoredBest(ILogger logger, int epoch, string metric, double value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Test {Metrics}")]
    private static partial void LogTest(ILogger logger, string metrics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction {Line}")]
    private static partial void LogPrediction(ILogger logger, string line);

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
}
