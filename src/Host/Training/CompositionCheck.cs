using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// Proves a composed run can train before it is recorded: every label is a class the model can
/// output, one forward and loss pass on one training batch works (evaluation mode, no gradients, so
/// no random number is drawn and no running statistic moves), the model's output size matches the
/// dataset, and every monitor (early stopping, checkpoint, scheduler) names a metric the run records.
/// </summary>
internal static class CompositionCheck
{
    /// <summary>The problems found, each at the experiment file's JSON path it is about; empty when the run can start.</summary>
    public static List<ConfigProblem> Run(Experiment experiment, ComposedRun composed, long batchSize)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(composed);
        var problems = new List<ConfigProblem>();
        var file = experiment.FilePath;
        var metadata = composed.Metadata;
        if (composed.Train.Count == 0)
        {
            problems.Add(new ConfigProblem(file, "$.dataset", $"dataset '{metadata.Name}' has no training samples."));
            return problems;
        }

        // Validate reads the first sample of every split read lazily: a missing or corrupt file shows now.
        foreach (var reader in new[] { composed.Train, composed.Validation, composed.Test })
        {
            if (reader is { Source: not null, Count: > 0 })
            {
                try
                {
                    reader.Head(1).Dispose();
                }
                catch (CrucibleException e)
                {
                    problems.Add(new ConfigProblem(file, "$.dataset", $"dataset '{metadata.Name}': {e.Message}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        if (metadata.TaskKind == TaskKind.Classification && metadata.NumClasses > 0)
        {
            // Labels of a split read lazily are checked as its batches are collated.
            foreach (var (split, reader) in new[] { ("training", composed.Train), ("validation", composed.Validation), ("test", composed.Test) })
            {
                if (reader?.Memory is { Count: > 0 } data && data.Targets.DType == ScalarType.Int64 && LabelRange(data.Targets) is var (min, max) && (min < 0 || max >= metadata.NumClasses))
                {
                    problems.Add(new ConfigProblem(file, "$.dataset", string.Create(
                        CultureInfo.InvariantCulture,
                        $"the {split} labels of dataset '{metadata.Name}' run from {min} to {max}, but it has {metadata.NumClasses} classes (0 to {metadata.NumClasses - 1}).")));
                }
            }

            if (problems.Count > 0)
            {
                return problems;
            }
        }

        SortedSet<string> recorded;
        try
        {
            recorded = TrialPass(composed, batchSize);
        }
        catch (Exception e) when (e is TorchException or CrucibleException or ArgumentException or InvalidOperationException)
        {
            problems.Add(new ConfigProblem(file, "$.model", $"one forward and loss pass on a training batch failed: {e.Message} (model '{experiment.Model.Name}'{(experiment.Loss is { } l ? $", loss '{l.Name}'" : string.Empty)}{(experiment.Task is { } t ? $", task '{t.Name}'" : string.Empty)}, dataset '{metadata.Name}' with features {Shape(metadata.FeatureShape)} and {metadata.OutputSize} outputs)."));
            return problems;
        }

        var training = experiment.Training;
        if (training.EarlyStopping is { } es)
        {
            CheckMonitor(problems, file, "$.training.earlyStopping.monitor", composed.EarlyStopping?.Monitor.Metric ?? es.Monitor, recorded);
        }

        if (training.Checkpoint is { Enabled: true, SaveBest: true } checkpoint)
        {
            CheckMonitor(problems, file, "$.training.checkpoint.monitor", RunComposer.MonitorName(checkpoint.Monitor, composed.Validation is not null), recorded);
        }

        foreach (var (role, schedule) in composed.Components.Schedules)
        {
            if (schedule.Monitor is { } watched)
            {
                CheckMonitor(problems, file, experiment.SchedulersByRole[role].JsonPath, watched, recorded);
            }
        }

        return problems;
    }

    /// <summary>Runs the model and loss on the first training batch and returns every metric name an epoch records.</summary>
    private static SortedSet<string> TrialPass(ComposedRun composed, long batchSize)
    {
        var components = composed.Components;
        if (components.Task.GetType() != typeof(SupervisedTask))
        {
            return TaskTrialPass(composed, batchSize);
        }

        var model = components.Model;
        var names = new SortedSet<string>(StringComparer.Ordinal) { "train_loss", "lr" };
        for (var g = 1; g < components.Optimizer.ParamGroups.Count; g++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"lr_group{g}"));
        }

        model.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            using var head = composed.Train.Head(batchSize);
            var (x, y) = (head.Features, head.Targets);
            var output = model.Forward(x);
            var metadata = composed.Metadata;
            var width = output.Shape.Length > 1 ? output.Shape[^1] : 1;
            if (metadata.OutputSize > 0 && width != metadata.OutputSize && metadata.TaskKind == TaskKind.Classification)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the model outputs {width} values per sample, but dataset '{metadata.Name}' has {metadata.OutputSize} outputs ({metadata.NumClasses} classes)"));
            }

            var loss = components.Losses[TaskRoles.Loss].Forward(output, y).Item<float>();
            if (!float.IsFinite(loss))
            {
                throw new InvalidOperationException($"the loss of the first batch is {loss.ToString(CultureInfo.InvariantCulture)} before any training step");
            }

            foreach (var (split, prefix) in new[] { ("train", "train"), ("val", "val") })
            {
                if (!components.Metrics.TryGetValue(split, out var metrics))
                {
                    continue;
                }

                if (split == "val")
                {
                    names.Add("val_loss");
                }

                foreach (var m in metrics)
                {
                    m.Accumulator.Reset();
                    m.Accumulator.Update(output, y);
                    foreach (var key in m.Accumulator.Compute().Keys)
                    {
                        names.Add($"{prefix}_{key}");
                    }

                    m.Accumulator.Reset();
                }
            }
        }
        finally
        {
            model.Train();
        }

        return names;
    }

    /// <summary>
    /// Any other task: one validation step of the task on the first training batch (every model in
    /// evaluation mode, no gradients, libtorch's random state put back) gives the names an epoch records.
    /// </summary>
    private static SortedSet<string> TaskTrialPass(ComposedRun composed, long batchSize)
    {
        var trainer = new Trainer(
            composed.Components,
            new TrainerOptions { Epochs = 1, BatchSize = checked((int)Math.Min(batchSize, int.MaxValue)) },
            new TrainerEnvironment { Device = composed.Train.Device, RunLog = NoRunLog.Instance, RunId = string.Empty, OutputDirectory = Path.GetTempPath(), Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance });
        return trainer.TrialNames(composed.Train, composed.Validation is not null);
    }

    private static void CheckMonitor(List<ConfigProblem> problems, string file, string path, string monitor, SortedSet<string> recorded)
    {
        if (!recorded.Contains(monitor))
        {
            problems.Add(new ConfigProblem(file, path, $"monitors '{monitor}', which this run never records; it records {string.Join(", ", recorded)}."));
        }
    }

    private static (long Min, long Max) LabelRange(Tensor targets)
    {
        using var min = targets.Min();
        using var max = targets.Max();
        return (min.Item<long>(), max.Item<long>());
    }

    private static string Shape(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";
}
