using System.Runtime;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Data;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// Builds every component of a run from the resolved experiment: loads the data and takes the
/// validation holdout, then creates the task, the model of every role, the losses, the optimizers,
/// scheduler, metrics and callbacks, in that order (the order in which they draw from libtorch's
/// seeded generator; a one-model experiment draws exactly as before tasks existed). Nothing here needs
/// the MLflow run, so everything can be composed, and checked, before a run exists.
/// </summary>
internal static partial class RunComposer
{
    /// <summary>
    /// Composes <paramref name="experiment"/> on <paramref name="device"/>; the caller owns the result.
    /// Checkpoints go under <paramref name="outputDirectory"/>.
    /// </summary>
    public static ComposedRun Compose(Experiment experiment, Device device, string outputDirectory, ILogger logger, CancellationToken interrupt, int worldSize = 1)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(logger);
        var training = experiment.Training;
        var dataContext = new DatasetContext
        {
            Device = device,
            Logger = logger,
            Seed = training.Seed,
            CancellationToken = interrupt,
            ExperimentDirectory = experiment.Directory,
            DataRoot = Environment.GetEnvironmentVariable("CRUCIBLE_DATA"),
            CacheDirectory = CrucibleCache.Root(),
        };

        // Everything built so far is freed when a later step fails.
        var built = new Stack<IDisposable>();
        try
        {
            var data = Stage("$.dataset", $"dataset '{experiment.Dataset.Name}'", () => experiment.Dataset.Plugin.Load(experiment.Dataset.Options, dataContext));
            built.Push(data);
            ReleaseStagingMemory();
            interrupt.ThrowIfCancellationRequested();
            var metadata = data.Metadata;
            var (train, validation, test) = Stage("$.dataset", $"dataset '{experiment.Dataset.Name}'", () => Splits(data, training, device));
            built.Push(train);
            if (validation is not null)
            {
                built.Push(validation);
            }

            if (test is not null)
            {
                built.Push(test);
            }

            LogData(logger, metadata.Name, train.Count, validation?.Count ?? 0, test?.Count ?? 0);
            var task = experiment.Task is { } t
                ? Stage(t.JsonPath, $"task '{t.Name}'", () => t.Plugin.Create(t.Options, new TaskContext { Device = device, Logger = logger, Seed = training.Seed, CancellationToken = interrupt, Dataset = metadata }))
                : new SupervisedTask();
            if (task is IDisposable disposableTask)
            {
                built.Push(disposableTask);
            }

            var models = new Dictionary<string, Module>(StringComparer.Ordinal);
            foreach (var (role, component) in experiment.Models)
            {
                var model = Stage(component.JsonPath, $"model '{component.Name}'", () => component.Plugin.Create(component.Options, new ModelContext { Device = device, Logger = logger, Seed = training.Seed, Dataset = task.ModelData(role, metadata) }));
                built.Push(model);
                model.To(device);
                models[role] = model;
            }

            var losses = new Dictionary<string, Loss>(StringComparer.Ordinal);
            foreach (var (role, component) in experiment.Losses)
            {
                losses[role] = Stage(component.JsonPath, $"loss '{component.Name}'", () => component.Plugin.Create(component.Options, new LossContext { Device = device, Logger = logger, Seed = training.Seed, Dataset = metadata }));
            }

            var optimizers = new Dictionary<string, Optimizer>(StringComparer.Ordinal);
            foreach (var (role, component) in experiment.Optimizers)
            {
                if (!models.TryGetValue(role, out var optimized))
                {
                    var message = $"the task's optimizer role '{role}' names no model role (the model roles are {string.Join(", ", models.Keys)}); an optimizer role is the role of the model it updates.";
                    throw new CompositionException(component.JsonPath, message, new TrainingException(message));
                }

                var roleOptimizer = Stage(component.JsonPath, $"optimizer '{component.Name}'", () => component.Plugin.Create(component.Options, new OptimizerContext { Device = device, Logger = logger, Seed = training.Seed, Model = optimized }));
                built.Push(roleOptimizer);
                optimizers[role] = roleOptimizer;
            }

            var primaryRole = experiment.Roles.Models[0];
            var optimizer = optimizers.TryGetValue(primaryRole, out var primaryOptimizer) ? primaryOptimizer : optimizers.Values.First();
            if (training.AccumulateGradBatches > 1 && !task.AutomaticOptimization)
            {
                const string Message = "training.accumulateGradBatches > 1 needs automatic optimization, but this task steps its optimizers itself. Use 1.";
                throw new CompositionException("$.training.accumulateGradBatches", Message, new TrainingException(Message));
            }

            if (task.AutomaticOptimization && optimizers.Count != 1)
            {
                var message = $"a task with automatic optimization trains with one optimizer, but this one has {optimizers.Count} optimizer roles; its training step must step them itself (AutomaticOptimization = false).";
                throw new CompositionException(experiment.Task?.JsonPath ?? "$.optimizers", message, new TrainingException(message));
            }

            // Before training: precision 16 needs CUDA, and its loss scaling steps without a closure.
            Stage("$.training.precision", "training.precision", () => MixedPrecision.Create(training.Precision, device));
            if (training.Precision == MixedPrecision.Half && optimizer is LBFGS)
            {
                const string HalfMessage = "training.precision 16 cannot be used with lbfgs: loss scaling steps without LBFGS' closure. Use \"32\" or \"bf16\", or another optimizer.";
                throw new CompositionException("$.training.precision", HalfMessage, new TrainingException(HalfMessage));
            }

            if (training.AccumulateGradBatches > 1 && optimizer is LBFGS)
            {
                const string Message = "training.accumulateGradBatches > 1 cannot be used with lbfgs: LBFGS re-evaluates the loss of one batch several times per step. Use 1, or another optimizer.";
                throw new CompositionException("$.training.accumulateGradBatches", Message, new TrainingException(Message));
            }

            var schedules = new Dictionary<string, LrSchedule>(StringComparer.Ordinal);
            foreach (var (role, component) in experiment.SchedulersByRole)
            {
                var scheduled = optimizers[role];
                schedules[role] = Stage(component.JsonPath, $"scheduler '{component.Name}'", () => CreateSchedule(component, experiment.Training, device, logger, scheduled, RankShare(train.Count, worldSize), validation is not null));
            }

            var metrics = Stage("$.metrics", "metrics", () => CreateMetrics(experiment, metadata, device, logger, validation is not null, test is not null));
            foreach (var m in metrics.Values.SelectMany(list => list))
            {
                built.Push(m.Accumulator);
            }

            var earlyStopping = training.EarlyStopping is { } es
                ? new EarlyStopping(new MetricMonitor(MonitorName(es.Monitor, validation is not null), es.Mode, es.MinDelta), es.Patience)
                : null;
            var callbacks = new List<(string, ITrainingCallback)>();
            foreach (var c in experiment.Callbacks)
            {
                var callback = Stage(c.JsonPath, $"callback '{c.Name}'", () => c.Plugin.Create(c.Options, new CallbackContext { Device = device, Logger = logger, Seed = training.Seed, CancellationToken = interrupt, Dataset = metadata }));
                callbacks.Add((c.Name, callback));
                if (callback is IDisposable disposable)
                {
                    built.Push(disposable);
                }
            }

            if (task is ITrainingCallback taskCallback)
            {
                callbacks.Add(("task", taskCallback));
            }

            if (earlyStopping is not null)
            {
                callbacks.Add(("early-stopping", earlyStopping));
            }

            callbacks.Add(("learning-curves", new LearningCurves()));

            // Last: a checkpoint holds every other callback's state after this epoch's hooks.
            var checkpointer = CreateCheckpointer(training.Checkpoint, outputDirectory, validation is not null);
            if (checkpointer is not null)
            {
                callbacks.Add((Checkpointer.Name, checkpointer));
            }

            var components = new TrainingComponents
            {
                Task = task,
                Models = models,
                Optimizers = optimizers,
                Losses = losses,
                PrimaryRole = primaryRole,
                Schedules = schedules,
                Metrics = metrics,
                Callbacks = callbacks,
                Dataset = metadata,
            };
            return new ComposedRun(data, train, validation, test, components, earlyStopping, checkpointer);
        }
        catch
        {
            while (built.TryPop(out var d))
            {
                d.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Builds one component; anything it throws (a constructor refusing its options, unusable data)
    /// becomes a <see cref="CompositionException"/> naming the experiment section, so the run is
    /// refused with exit code 2 before anything is recorded. A stop request passes through.
    /// </summary>
    private static T Stage<T>(string jsonPath, string what, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException or CompositionException))
        {
            var message = e is CrucibleException or TorchException or ArgumentException or InvalidOperationException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            throw new CompositionException(jsonPath, $"{what}: {message}", e);
        }
    }

    /// <summary>The trainer's settings from the experiment's <c>training</c> section.</summary>
    public static TrainerOptions TrainerOptions(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var training = experiment.Training;
        return new TrainerOptions
        {
            Epochs = training.Epochs,
            BatchSize = training.BatchSize,
            Shuffle = training.Shuffle,
            ClipGradientNorm = training.GradientClipping?.MaxNorm,
            ClipGradientNormType = training.GradientClipping?.NormType ?? 2.0,
            ClipGradientValue = training.GradientClipping?.Value,
            LogEveryNSteps = training.LogEverySteps ?? 0,
            Precision = training.Precision,
            AccumulateGradBatches = training.AccumulateGradBatches,
            DropLast = training.DropLast,
        };
    }

    private static Checkpointer? CreateCheckpointer(CheckpointOptions checkpoint, string outputDirectory, bool hasValidation) =>
        checkpoint.Enabled
            ? new Checkpointer(
                Path.Combine(outputDirectory, "checkpoints"),
                checkpoint.SaveBest ? new MetricMonitor(MonitorName(checkpoint.Monitor, hasValidation), checkpoint.Mode) : null,
                checkpoint.EveryEpochs,
                TimeSpan.FromSeconds(checkpoint.EverySeconds),
                checkpoint.SaveLast)
            : null;

    private static LrSchedule CreateSchedule(PluginComponent<ILrScheduler> component, TrainingOptions training, Device device, ILogger logger, Optimizer optimizer, long trainCount, bool hasValidation)
    {
        // A per-batch scheduler steps with the optimizer: once per accumulated group of batches.
        var batches = training.DropLast ? trainCount / training.BatchSize : (trainCount + training.BatchSize - 1) / training.BatchSize;
        var stepsPerEpoch = checked((int)((batches + training.AccumulateGradBatches - 1) / training.AccumulateGradBatches));
        var schedule = component.Plugin.Create(component.Options, new SchedulerContext { Device = device, Logger = logger, Seed = training.Seed, Optimizer = optimizer, Epochs = training.Epochs, StepsPerEpoch = stepsPerEpoch });
        if (schedule.Monitor is { } watched && MonitorName(watched, hasValidation) is var monitored && monitored != watched)
        {
            // Without a validation split a plateau scheduler watching val_loss watches train_loss, as early stopping does.
            schedule = new LrSchedule { Scheduler = schedule.Scheduler, Interval = schedule.Interval, Monitor = monitored, StepWithMetric = schedule.StepWithMetric };
        }

        return schedule;
    }

    /// <summary>
    /// The training samples one rank sees per epoch: under ddp each of <paramref name="worldSize"/>
    /// ranks takes its share (the sampler pads the split to divide evenly), so a per-batch scheduler
    /// counts the steps the rank takes, not those of one process over the whole split.
    /// </summary>
    private static long RankShare(long count, int worldSize) => worldSize <= 1 ? count : (count + worldSize - 1) / worldSize;

    private static Dictionary<string, IReadOnlyList<NamedMetric>> CreateMetrics(Experiment experiment, DatasetMetadata metadata, Device device, ILogger logger, bool validation, bool test)
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

    /// <summary>
    /// The splits as the trainer reads them: each in the shape the dataset returned it (in memory or
    /// read lazily), with <c>training.validationSplit</c> held out of training when the dataset brings
    /// no validation split (the same samples for either shape and the same seed).
    /// </summary>
    private static (SplitReader Train, SplitReader? Validation, SplitReader? Test) Splits(LoadedDataset data, Configuration.TrainingOptions training, Device device)
    {
        Both(data.Train, data.TrainSource, "training");
        Both(data.Validation, data.ValidationSource, "validation");
        Both(data.Test, data.TestSource, "test");
        var loader = new LoaderOptions(training.Workers, training.Prefetch, device.Type == DeviceType.Cuda);
        var layout = data.TrainSource is not null || data.ValidationSource is not null || data.TestSource is not null ? SampleLayout.Of(data.Metadata) : null;
        SplitReader? Reader(DataSplit? memory, ISampleSource? source, string name)
        {
            if (memory is not null)
            {
                if (memory.Features.Device != device || memory.Targets.Device != device)
                {
                    throw new TrainingException($"The dataset returned its {name} split on {memory.Features.Device}, but training runs on {device}; a dataset plugin must create its tensors on DatasetContext.Device.");
                }

                return SplitReader.InMemory(name, memory);
            }

            return source is null ? null : SplitReader.Streaming(name, source, layout!, loader, device);
        }

        var test = Reader(data.Test, data.TestSource, "test");
        var validation = Reader(data.Validation, data.ValidationSource, "validation");
        if (data.Train is { } train)
        {
            var trainReader = Reader(train, null, "training")!;
            if (validation is not null || training.ValidationSplit <= 0)
            {
                return (trainReader, validation, test);
            }

            var (t, v) = ValidationHoldout.Split(train, training.ValidationSplit);

            // The held-out views replace the dataset's training split (they share its reordered
            // storage): its own handle goes now (disposing again when the run ends is a no-op).
            train.Dispose();
            return (SplitReader.InMemory("training", t, owned: true), SplitReader.InMemory("validation", v, owned: true), test);
        }

        var source = data.TrainSource
            ?? throw new TrainingException("The dataset returned no training split: a dataset plugin sets LoadedDataset.Train (in memory) or LoadedDataset.TrainSource (read lazily).");
        if (validation is not null || training.ValidationSplit <= 0)
        {
            return (Reader(null, source, "training")!, validation, test);
        }

        var (trainIndices, validationIndices) = ValidationHoldout.Indices(source.Count, training.ValidationSplit, device);
        return (
            SplitReader.Streaming("training", new SubsetSource(source, trainIndices), layout!, loader, device),
            SplitReader.Streaming("validation", new SubsetSource(source, validationIndices), layout!, loader, device),
            test);
    }

    /// <summary>
    /// A dataset plugin stages its data in managed arrays before it creates tensors (an MNIST load
    /// leaves about 270 MB of them behind). They are garbage once <c>Load</c> returns; a full,
    /// compacting collection hands that memory back to the system before training allocates its own,
    /// instead of the run keeping it until the collector next decides to decommit.
    /// </summary>
    private static void ReleaseStagingMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static void Both(DataSplit? memory, ISampleSource? source, string name)
    {
        if (memory is not null && source is not null)
        {
            throw new TrainingException($"The dataset returned its {name} split twice, in memory and read lazily; a dataset plugin sets one of the two.");
        }
    }

    /// <summary>A monitor left at its default <c>val_loss</c> watches <c>train_loss</c> when there is no validation data.</summary>
    internal static string MonitorName(string monitor, bool hasValidation) =>
        !hasValidation && monitor == "val_loss" ? "train_loss" : monitor;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data {Dataset}: {Train} training, {Validation} validation, {Test} test samples")]
    private static partial void LogData(ILogger logger, string dataset, long train, long validation, long test);
}
