using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Cli;
using Crucible.Host.Configuration;
using Crucible.Host.Distributed;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// What <c>crucible run</c> does with a validated experiment: inside the MLflow run that
/// <see cref="RunLifecycle"/> starts and ends, it records the setup, seeds libtorch, composes the
/// run (<see cref="RunComposer"/>), fits it (<see cref="Trainer"/>), tests it, and records the
/// results and the final weights.
/// </summary>
internal sealed partial class ExperimentRunner
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private readonly Experiment experiment;
    private readonly RunOptions options;

    /// <summary>The data-parallel group this process trains in, once joined; null for one process.</summary>
    private DistributedRun? distributed;

    public ExperimentRunner(Experiment experiment, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        this.experiment = experiment;
        this.options = options;
    }

    /// <summary>Runs <paramref name="experiment"/> and returns the exit code (see <see cref="RunLifecycle"/>).</summary>
    public static Task<int> RunAsync(Experiment experiment, RunOptions options) => new ExperimentRunner(experiment, options).RunAsync();

    public Task<int> RunAsync() => ComposeAndRecordAsync(Train);

    /// <summary>
    /// Everything <c>run</c> knows before it records (device, tracking URI, store, composition, the
    /// one-batch check, a resume's checkpoint): bad input exits 2 with nothing recorded. Then
    /// <paramref name="body"/> runs inside the MLflow run (named <paramref name="runName"/>, default
    /// <c>tracking.runName</c>) and returns true when an interrupt stopped it. <c>crucible lr-find</c>
    /// records its range test this way.
    /// </summary>
    public async Task<int> ComposeAndRecordAsync(Func<ActiveRun, Device, ComposedRun, bool> body, string? runName = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Device device;
        string trackingUri;
        try
        {
            device = Reproducibility.ResolveDevice(experiment.Training.Device);
            trackingUri = TrackingUriResolver.Resolve(options.TrackingUri, experiment.Tracking.TrackingUri, workingDirectory: options.WorkingDirectory);
        }
        catch (Exception e) when (e is TrainingException or TrackingException)
        {
            await Console.Error.WriteLineAsync($"error: {MessageText.Shorten(e.Message)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var experimentName = RunLifecycle.ExperimentName(experiment, options);
        if (RunPreflight.Check(experiment, options, trackingUri, experimentName) is { Count: > 0 } badRecord)
        {
            return Refuse(badRecord);
        }

        DistributedEnvironment? group;
        try
        {
            group = DistributedEnvironment.FromProcess();
        }
        catch (FormatException e)
        {
            return Refuse([new ConfigProblem(experiment.FilePath, "$.training.strategy", $"the launcher's environment is wrong: {e.Message}")]);
        }

        var outputDirectory = Directory.CreateTempSubdirectory("crucible-run-").FullName;
        try
        {
            // Rank 0 speaks (and records) for a ddp group; the other ranks log only warnings and errors.
            var quiet = options.Quiet || group is { IsMain: false };
            using var logging = RunLogging.Create(Path.Combine(outputDirectory, RunLogging.FileName), options.Verbose, options.LogFile, quiet);
            var logger = logging.CreateLogger("Crucible.Training");
            using var interruption = new RunInterruption
            {
                // Nothing is recorded yet: a stop while composing (loading data, say) ends the process at once.
                BeforeExit = signal =>
                {
                    Console.Error.WriteLine($"Interrupted by {signal} before anything was recorded.");
                    TryDelete(outputDirectory);
                },
            };

            // The one seed: everything random below draws from libtorch's generator in a fixed order
            // (holdout split, weight init, then per epoch shuffling, dropout, augmentation).
            Reproducibility.Apply(experiment.Training.Seed, experiment.Training.Deterministic, experiment.Training.Threads);
            ComposedRun composed;
            try
            {
                var worldSize = experiment.Training.Strategy == "ddp" && group is { WorldSize: > 1 } ? group.WorldSize : 1;
                composed = RunComposer.Compose(experiment, device, outputDirectory, logger, interruption.Token, worldSize);
            }
            catch (CompositionException e)
            {
                return Refuse([new ConfigProblem(experiment.FilePath, e.JsonPath, e.Message)]);
            }

            using (composed)
            {
                var problems = CompositionCheck.Run(experiment, composed, experiment.Training.BatchSize);
                if (options.Resume is { } resume && problems.Count == 0)
                {
                    problems.AddRange(ResumeCheck.Checkpoint(resume, experiment, composed));
                }

                if (problems.Count > 0)
                {
                    return Refuse(problems);
                }

                using var distributed = JoinGroup(group, composed, device, problems);
                if (problems.Count > 0)
                {
                    return Refuse(problems);
                }

                this.distributed = distributed;
                if (distributed is { IsMain: false })
                {
                    return TrainReplica(composed, device, distributed, outputDirectory, logger, interruption);
                }

                return await RunLifecycle.RunAsync(
                    experiment,
                    options,
                    new RunScratch(trackingUri, experimentName, device.ToString(), outputDirectory, logger, interruption) { RunName = runName },
                    active => Task.FromResult(body(active, device, composed))).ConfigureAwait(false);
            }
        }
        finally
        {
            TryDelete(outputDirectory);

            // While training, the shim keeps freed tensor memory in the C heap for the next step (see
            // allocation.cpp); the composed run is disposed now, so hand the free pages back.
            torch.ReleaseMemory();
        }
    }

    /// <summary>
    /// Composes the experiment and runs every check <c>run</c> does before it records, and records
    /// nothing: <c>crucible validate</c>. Returns 0 or 2 (each problem printed to stderr).
    /// </summary>
    public int Check(bool withData)
    {
        Device device;
        string trackingUri;
        try
        {
            device = Reproducibility.ResolveDevice(experiment.Training.Device);
            trackingUri = TrackingUriResolver.Resolve(options.TrackingUri, experiment.Tracking.TrackingUri, workingDirectory: options.WorkingDirectory);
        }
        catch (Exception e) when (e is TrainingException or TrackingException)
        {
            Console.Error.WriteLine($"error: {MessageText.Shorten(e.Message)}");
            return ExitCodes.BadInput;
        }

        if (RunPreflight.Check(experiment, options, trackingUri, RunLifecycle.ExperimentName(experiment, options)) is { Count: > 0 } badRecord)
        {
            return Refuse(badRecord);
        }

        if (!withData)
        {
            return ExitCodes.Success;
        }

        using var logging = RunLogging.CreateConsole(options.Verbose, options.LogFile);
        var logger = logging.CreateLogger("Crucible.Validate");
        using var interruption = new RunInterruption();
        Reproducibility.Apply(experiment.Training.Seed, experiment.Training.Deterministic, experiment.Training.Threads);
        // Checkpoints would go here; composing writes none, but the folder is ours and goes.
        var outputDirectory = Directory.CreateTempSubdirectory("crucible-validate-").FullName;
        try
        {
            using var composed = RunComposer.Compose(experiment, device, outputDirectory, logger, interruption.Token);
            var problems = CompositionCheck.Run(experiment, composed, experiment.Training.BatchSize);
            return problems.Count > 0 ? Refuse(problems) : ExitCodes.Success;
        }
        catch (CompositionException e)
        {
            return Refuse([new ConfigProblem(experiment.FilePath, e.JsonPath, e.Message)]);
        }
        finally
        {
            TryDelete(outputDirectory);
        }
    }

    /// <summary>Prints each problem to stderr as <c>error: file: $.path: message</c>; returns exit code 2.</summary>
    private static int Refuse(List<ConfigProblem> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {MessageText.Shorten(problem.ToString())}");
        }

        Console.Error.WriteLine(problems.Count == 1 ? "1 problem; nothing was run or recorded." : $"{problems.Count} problems; nothing was run or recorded.");
        return ExitCodes.BadInput;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Under <c>training.strategy: ddp</c>, joins the group the launcher started and gives every rank
    /// rank 0's initial weights; null for one process. Adds a problem (bad input) when the strategy and
    /// the launch do not fit together or the rendezvous fails.
    /// </summary>
    private DistributedRun? JoinGroup(DistributedEnvironment? group, ComposedRun composed, Device device, List<ConfigProblem> problems)
    {
        if (experiment.Training.Strategy != "ddp")
        {
            if (group is { WorldSize: > 1 })
            {
                problems.Add(new ConfigProblem(experiment.FilePath, "$.training.strategy",
                    $"{group.Launcher} started {group.WorldSize} processes, but the strategy is single: each would train and record alone. Set training.strategy to ddp, or start one process."));
            }

            return null;
        }

        if (group is not { WorldSize: > 1 })
        {
            problems.Add(new ConfigProblem(experiment.FilePath, "$.training.strategy",
                "ddp needs 2 or more processes, and this one is alone: start them with crucible run --nproc N, torchrun --nproc-per-node N, or srun -n N."));
            return null;
        }

        try
        {
            var distributed = DistributedRun.Join(group, experiment.Training.Ddp, device);
            foreach (var model in composed.Components.Models.Values)
            {
                distributed.Parallel.BroadcastState(model);
            }

            return distributed;
        }
        catch (CompositionException e)
        {
            problems.Add(new ConfigProblem(experiment.FilePath, e.JsonPath, e.Message));
            return null;
        }
    }

    /// <summary>
    /// A ddp rank other than 0: trains its replica in step with the group and records nothing (rank 0
    /// records the run). Resumes from the checkpoint the run's record holds, as rank 0 does.
    /// </summary>
    private int TrainReplica(ComposedRun composed, Device device, DistributedRun distributed, string outputDirectory, ILogger logger, RunInterruption interruption)
    {
        interruption.Graceful = true;
        var rank = distributed.Environment.Rank;
        var trainer = new Trainer(
            composed.Components,
            RunComposer.TrainerOptions(experiment),
            new TrainerEnvironment
            {
                Device = device, RunLog = UnrecordedRunLog.Instance, RunId = $"rank-{rank}", OutputDirectory = outputDirectory,
                Logger = logger, Seed = experiment.Training.Seed, Interrupt = interruption.Token, Distributed = distributed,
            });
        try
        {
            var (startEpoch, startStep) = (0, 0L);
            if (options.Resume is { } resume)
            {
                var info = trainer.RestoreCheckpoint(resume.LastCheckpoint);
                (startEpoch, startStep) = (info.Epoch, info.GlobalStep);
            }

            trainer.Fit(composed.Train, composed.Validation, composed.Data.TrainTransform, startEpoch, startStep);
            return trainer.Interrupted ? RunInterruption.ExitCode : ExitCodes.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Rank 0 records the run's failure; this rank says why it left, and its exit ends the group.
            Console.Error.WriteLine($"error: rank {rank}: {MessageText.Shorten(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Everything between "run started" and "run ended"; true when an interrupt stopped training.</summary>
    private bool Train(ActiveRun active, Device device, ComposedRun composed)
    {
        var (run, logger) = (active.Run, active.Logger);
        RecordSetup(run, device, active.OutputDirectory);
        if (distributed is not null)
        {
            run.SetTag("crucible.world_size", distributed.Environment.WorldSize.ToString(CultureInfo.InvariantCulture));
        }

        var resumeFrom = active.LastCheckpoint is { } lastCheckpoint ? CheckpointFormat.ReadInfo(lastCheckpoint) : null;
        if (resumeFrom is not null)
        {
            LogResuming(logger, run.RunId, resumeFrom.Epoch);
        }

        run.LogInput(composed.Metadata);
        RecordModel(run, composed.Model, active.OutputDirectory);

        var trainer = new Trainer(
            composed.Components,
            RunComposer.TrainerOptions(experiment),
            new TrainerEnvironment { Device = device, RunLog = run, RunId = run.RunId, OutputDirectory = active.OutputDirectory, Logger = logger, Seed = experiment.Training.Seed, Interrupt = active.Interrupt, Distributed = distributed })
        {
            Progress = options.Quiet ? null : ConsoleProgress.ForConsole(),
        };

        if (!Fit(trainer, composed, active, resumeFrom))
        {
            return true;
        }

        if (distributed is { Parallel.GradientSyncs: > 0 } group)
        {
            LogGradientSync(logger, group.Environment.WorldSize, group.Parallel.GradientSyncs, group.Parallel.GradientSyncTime.TotalMilliseconds / group.Parallel.GradientSyncs);
        }

        var supervised = composed.Components.Task.GetType() == typeof(SupervisedTask);
        TestAndRecord(trainer, composed, run, active.OutputDirectory, logger, supervised);
        foreach (var (role, model) in composed.Components.Models)
        {
            var weights = Path.Combine(active.OutputDirectory, model == composed.Model ? "model.safetensors" : $"model-{role}.safetensors");
            model.Save(weights);
            run.LogArtifact(weights);
        }

        // model/ (MLflow's format: predict, serve, export) describes the primary role's model as the
        // task built it: features to targets (supervised), images to reconstructions (autoencoder),
        // noise vectors to images (a GAN's generator). Its input example is the data's first samples
        // when the model reads the data's features.
        var modelData = composed.Components.Task.ModelData(experiment.Roles.Models[0], composed.Metadata);
        using (var example = modelData.FeatureShape.SequenceEqual(composed.Metadata.FeatureShape) ? (composed.Test ?? composed.Validation ?? composed.Train).Head(Models.ModelLogger.ExampleRows) : null)
        {
            Models.ModelLogger.Log(run, experiment, composed.Model, modelData, example, active.OutputDirectory);
        }

        return false;
    }

    /// <summary>Fits from the start or from the resumed checkpoint; false when an interrupt stopped it.</summary>
    private bool Fit(Trainer trainer, ComposedRun composed, ActiveRun active, CheckpointInfo? resumeFrom)
    {
        var checkpointer = composed.Checkpointer;
        var startEpoch = 0;
        long startStep = 0;
        if (resumeFrom is not null && active.LastCheckpoint is { } lastCheckpoint)
        {
            if (checkpointer is null)
            {
                throw new TrainingException("Resuming needs checkpointing: training.checkpoint.enabled is false in this experiment file.");
            }

            trainer.RestoreCheckpoint(lastCheckpoint);
            checkpointer.AdoptBest(active.BestCheckpoint);
            startEpoch = resumeFrom.Epoch;
            startStep = resumeFrom.GlobalStep;
        }

        trainer.Fit(composed.Train, composed.Validation, composed.Data.TrainTransform, startEpoch, startStep);
        if (trainer.Interrupted)
        {
            return false;
        }

        if (trainer.StopReason is { } reason)
        {
            LogStoppedEarly(active.Logger, trainer.CompletedEpochs, reason);
            active.Run.SetTag("crucible.stopped_early", reason);
        }

        if (composed.EarlyStopping is not null && experiment.Training.EarlyStopping!.RestoreBestWeights && checkpointer?.BestDirectory is { } best)
        {
            CheckpointFormat.LoadWeights(best, composed.Model);
            LogRestoredBest(active.Logger, checkpointer.Best!.BestEpoch, checkpointer.Best.Metric, checkpointer.Best.Best ?? double.NaN);
        }

        return true;
    }

    /// <summary>Records the validation metrics' files, then tests and records the test metrics, baselines and predictions.</summary>
    private static void TestAndRecord(Trainer trainer, ComposedRun composed, TrackedRun run, string outputDirectory, ILogger logger, bool supervised)
    {
        if (composed.Validation is not null)
        {
            trainer.RecordMetricArtifacts("val");
        }

        if (composed.Test is not { } test)
        {
            return;
        }

        var testMetrics = trainer.Test(test);

        // The dataset's reference predictors go next to the test metrics they are compared with.
        foreach (var (key, value) in composed.Metadata.Baselines)
        {
            run.LogMetric(key, value, trainer.GlobalStep);
            testMetrics[key] = value;
        }

        var testLine = string.Join(" ", testMetrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:G6}")));
        LogTest(logger, testLine);
        trainer.RecordMetricArtifacts("test");
        using var small = test.Count <= PredictionReport.MaxRows ? test.Head(test.Count) : null;
        if (supervised && small is not null && PredictionReport.Write(trainer, small, Path.Combine(outputDirectory, "predictions")) is { } report)
        {
            run.LogArtifact(report.Path, "predictions");
            foreach (var line in report.Lines)
            {
                LogPrediction(logger, line);
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
        // The record replays: running this file reproduces the run, into the same MLflow experiment.
        var recorded = JsonNode.Parse(ExperimentParams.MaskedJson(experiment.Resolved))!.AsObject();
        if (recorded["tracking"] is JsonObject tracking && tracking["experimentName"] is null)
        {
            tracking["experimentName"] = run.ExperimentName;
        }

        var file = Path.Combine(outputDirectory, TrackedRun.RecordedExperimentArtifact);
        File.WriteAllText(file, recorded.ToJsonString(IndentedJson));
        run.LogArtifact(file);
    }

    private static void RecordModel(TrackedRun run, Module model, string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, "model-summary.txt");
        File.WriteAllText(path, ModelSummary.Describe(model));
        run.LogArtifact(path, "model");
        run.SetTag("crucible.model.parameters", ModelSummary.ParameterCount(model).ToString(CultureInfo.InvariantCulture));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming run {RunId} after epoch {Epoch}")]
    private static partial void LogResuming(ILogger logger, string runId, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after epoch {Epoch}: {Reason}")]
    private static partial void LogStoppedEarly(ILogger logger, int epoch, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the best weights (epoch {Epoch}, {Metric}={Value:G6})")]
    private static partial void LogRestoredBest(ILogger logger, int epoch, string metric, double value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data-parallel over {Ranks} ranks: {Steps} gradient all-reduces, {Milliseconds:F2} ms per step on rank 0")]
    private static partial void LogGradientSync(ILogger logger, int ranks, long steps, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Test {Metrics}")]
    private static partial void LogTest(ILogger logger, string metrics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction {Line}")]
    private static partial void LogPrediction(ILogger logger, string line);
}
