using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// What <c>crucible run</c> does inside the MLflow run that <see cref="RunLifecycle"/> starts and
/// ends, everything between "run started" and "run ended": records the setup (params, tags, the
/// replayable experiment file, the model summary), fits the prepared run (<see cref="Trainer"/>), from
/// a resumed checkpoint when there is one, tests it, and records the results, the final weights and
/// the model in MLflow's format.
/// </summary>
internal sealed partial class RecordedTraining
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private readonly Experiment experiment;
    private readonly RunOptions options;
    private readonly PreparedRun prepared;

    public RecordedTraining(Experiment experiment, RunOptions options, PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prepared);
        this.experiment = experiment;
        this.options = options;
        this.prepared = prepared;
    }

    /// <summary>Trains and records inside <paramref name="active"/>; true when an interrupt stopped training.</summary>
    public bool Run(ActiveRun active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var (run, logger) = (active.Run, active.Logger);
        var (device, composed, distributed) = (prepared.Device, prepared.Composed, prepared.Distributed);
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
