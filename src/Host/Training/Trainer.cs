using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crucible.Abstractions;
using Crucible.Host.Data;
using Crucible.Host.Distributed;
using Crucible.Torch;
using Crucible.Torch.Amp;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// Owns the loops: fit (epochs x batches, validation every epoch), test, predict. What one batch
/// does is the <see cref="TrainingTask"/>'s step; with automatic optimization the trainer
/// backpropagates the step's loss and steps the optimizer. It is also the <see cref="ITrainerContext"/>
/// callbacks and the task see. Data lives on the training device; every step runs in a dispose
/// scope; losses and metrics accumulate on the device and are read back once per pass.
/// </summary>
internal sealed partial class Trainer : ITrainerContext
{
    private readonly TrainingTask task;
    private readonly TrainerOptions options;
    private readonly MixedPrecision precision;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<NamedMetric>> metrics;
    private readonly IRunLog runLog;
    private readonly CancellationToken interrupt;
    private readonly long seed;
    private readonly DistributedRun? distributed;
    private readonly Dictionary<string, double> latest = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Optimizer> taskOptimizers;
    /// <summary>The current batch's detached loss, owned by the epoch's <see cref="StepValues"/>.</summary>
    private Tensor? lastBatchLoss;
    private string[] epochLineKeys = [];
    private string? stopReason;

    public Trainer(TrainingComponents components, TrainerOptions options, TrainerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        task = components.Task;
        Models = components.Models;
        Optimizers = components.Optimizers;
        Losses = components.Losses;
        Model = components.Model;
        Optimizer = components.Optimizer;
        Schedule = components.Schedule;
        Schedules = components.Schedules;
        metrics = components.Metrics;
        Callbacks = new CallbackDispatcher(components.Callbacks);
        Dataset = components.Dataset;
        this.options = options;
        Device = environment.Device;
        precision = MixedPrecision.Create(options.Precision, Device);
        runLog = environment.RunLog;
        RunId = environment.RunId;
        OutputDirectory = environment.OutputDirectory;
        Logger = environment.Logger;
        interrupt = environment.Interrupt;
        seed = environment.Seed;
        distributed = environment.Distributed;

        // A manual task steps its optimizers itself: under ddp it gets ones that average gradients first.
        taskOptimizers = distributed is null || task.AutomaticOptimization
            ? Optimizers
            : Optimizers.ToDictionary(p => p.Key, p => (Optimizer)SynchronizedOptimizer.Wrap(p.Value, distributed.Parallel), StringComparer.Ordinal);
    }

    public Module Model { get; }

    public Optimizer Optimizer { get; }

    public IReadOnlyDictionary<string, Module> Models { get; }

    /// <summary>The optimizers by role (the ones a checkpoint saves).</summary>
    public IReadOnlyDictionary<string, Optimizer> Optimizers { get; }

    /// <summary>What the task and callbacks step: under ddp, a manual task's optimizers average gradients across ranks first.</summary>
    IReadOnlyDictionary<string, Optimizer> ITrainerContext.Optimizers => taskOptimizers;

    Optimizer ITrainerContext.Optimizer => taskOptimizers[PrimaryRole];

    public IReadOnlyDictionary<string, Loss> Losses { get; }

    public LrSchedule? Schedule { get; }

    /// <summary>Every scheduler by the role of the optimizer it steps (<see cref="Schedule"/> is the primary one's).</summary>
    public IReadOnlyDictionary<string, LrSchedule> Schedules { get; }

    public DatasetMetadata Dataset { get; }

    public Device Device { get; }

    public ILogger Logger { get; }

    public string RunId { get; }

    public int Epochs => options.Epochs;

    public int Epoch { get; private set; }

    public int BatchesPerEpoch { get; private set; }

    public int Batch { get; private set; }

    public long GlobalStep { get; private set; }

    /// <summary>Read lazily: only a callback that asks pays for the device-to-host copy.</summary>
    public double? BatchLoss
    {
        get
        {
            if (lastBatchLoss is null || lastBatchLoss.IsDisposed)
            {
                return null;
            }

            using var scope = torch.NewDisposeScope();
            return lastBatchLoss.To(ScalarType.Float64).Item<double>();
        }
    }

    public IReadOnlyDictionary<string, double> Metrics => latest;

    public string OutputDirectory { get; }

    public bool StopRequested => stopReason is not null || interrupt.IsCancellationRequested;

    /// <summary>Why training stopped early, or null.</summary>
    public string? StopReason => stopReason ?? (interrupt.IsCancellationRequested ? "interrupted" : null);

    /// <summary>True when an interrupt cut an epoch short (that epoch was not recorded or checkpointed).</summary>
    public bool Interrupted { get; private set; }

    /// <summary>The last epoch completed (its metrics recorded).</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Invokes every callback's hooks and keeps their states for a checkpoint.</summary>
    public CallbackDispatcher Callbacks { get; }

    /// <summary>The float16 loss scaler of <c>training.precision</c> 16 (its state goes into checkpoints), null otherwise.</summary>
    public GradScaler? LossScaler => precision.Scaler;

    /// <summary>Progress display for the current epoch; none by default.</summary>
    public IProgress<EpochProgress>? Progress { get; init; }

    /// <summary>Which epoch lines are information (the console) rather than debug (the log file); by default one every few seconds plus the first and last.</summary>
    public EpochLineLimiter EpochLines { get; init; } = EpochLineLimiter.Default();

    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        stopReason ??= reason;
    }

    public void LogMetric(string key, double value) => runLog.LogMetric(key, value, GlobalStep);

    public void LogArtifact(string localPath, string? artifactPath = null) => runLog.LogArtifact(localPath, artifactPath);

    /// <summary>Writes everything a resumed run needs into <paramref name="directory"/> (see <see cref="CheckpointFormat"/>).</summary>
    public void SaveCheckpoint(string directory) => CheckpointFormat.Write(directory, this, seed);

    /// <summary>Restores a checkpoint folder into the freshly built components and callbacks; returns where training stood.</summary>
    public CheckpointInfo RestoreCheckpoint(string directory) => CheckpointFormat.Restore(directory, this, seed);

    /// <summary>Trains on in-memory splits (see the overload for splits in either shape).</summary>
    public void Fit(DataSplit train, DataSplit? validation, IBatchTransform? transform, int startEpoch = 0, long startStep = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        using var trainReader = SplitReader.InMemory("training", train);
        using var validationReader = validation is null ? null : SplitReader.InMemory("validation", validation);
        Fit(trainReader, validationReader, transform, startEpoch, startStep);
    }

    /// <summary>
    /// Trains from epoch <paramref name="startEpoch"/> + 1 to <see cref="Epochs"/> (a resumed run
    /// starts after its checkpoint), validating after every epoch when <paramref name="validation"/> is given.
    /// </summary>
    public void Fit(SplitReader train, SplitReader? validation, IBatchTransform? transform, int startEpoch = 0, long startStep = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new TrainingException("The training split is empty: there is nothing to train on.");
        }

        // Under ddp each rank trains on its share of every epoch (DistributedSampler).
        var samples = distributed?.Sampler.ShareSize(train.Count) ?? train.Count;
        BatchesPerEpoch = BatchCount(samples);
        if (BatchesPerEpoch == 0)
        {
            throw new TrainingException($"training.dropLast drops every batch: the training split has {samples} samples{(distributed is null ? string.Empty : " per rank")}, fewer than one batch of {options.BatchSize}.");
        }

        CompletedEpochs = startEpoch;
        GlobalStep = startStep;
        Epoch = startEpoch;
        Callbacks.FitStart(this);
        for (var epoch = startEpoch + 1; epoch <= options.Epochs && !StopRequested; epoch++)
        {
            Epoch = epoch;
            Batch = 0;
            var watch = Stopwatch.StartNew();
            var learningRates = Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
            var otherRates = Optimizers.Where(o => o.Value != Optimizer).Select(o => (o.Key, o.Value.ParamGroups[0].LearningRate)).ToList();
            Callbacks.EpochStart(this);
            var trained = TrainEpoch(train, transform);
            if (trained is null)
            {
                Interrupted = true;
                break;
            }

            var epochMetrics = new Dictionary<string, double>(trained, StringComparer.Ordinal);
            epochMetrics["lr"] = learningRates[0];
            for (var g = 1; g < learningRates.Length; g++)
            {
                epochMetrics[string.Create(CultureInfo.InvariantCulture, $"lr_group{g}")] = learningRates[g];
            }

            foreach (var (role, rate) in otherRates)
            {
                epochMetrics[$"lr_{role}"] = rate;
            }

            if (validation is not null)
            {
                foreach (var (key, value) in Evaluate(validation, "val"))
                {
                    epochMetrics[key] = value;
                }
            }

            Publish(epochMetrics);
            if (validation is not null)
            {
                Callbacks.ValidationEnd(this);
            }

            StepEpochSchedulers();

            // One step axis for every metric of the run, the global optimizer step, with the epoch
            // recorded beside it (as Lightning does), so MLflow's charts line up.
            runLog.LogMetric("epoch", epoch, GlobalStep);
            foreach (var (key, value) in epochMetrics)
            {
                runLog.LogMetric(key, value, GlobalStep);
            }

            CompletedEpochs = epoch;
            Callbacks.EpochEnd(this);
            LogEpoch(epoch, watch.Elapsed, train.Count);
        }

        // An interrupt between batches abandons its epoch above; one that lands between epochs
        // (during a checkpoint, say) still means the user asked to stop.
        Interrupted |= interrupt.IsCancellationRequested;
        Callbacks.FitEnd(this);
    }

    /// <summary>
    /// One pass over a split in evaluation mode without gradients; returns <c>{prefix}_loss</c> and
    /// each metric as <c>{prefix}_{name}</c>.
    /// </summary>
    public Dictionary<string, double> Evaluate(DataSplit split, string prefix)
    {
        ArgumentNullException.ThrowIfNull(split);
        using var reader = SplitReader.InMemory(prefix, split);
        return Evaluate(reader, prefix);
    }

    /// <summary>
    /// One pass over a split in evaluation mode without gradients; returns <c>{prefix}_loss</c> and
    /// each metric as <c>{prefix}_{name}</c>.
    /// </summary>
    public Dictionary<string, double> Evaluate(SplitReader split, string prefix)
    {
        ArgumentNullException.ThrowIfNull(split);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (split.Count == 0)
        {
            return result;
        }

        var accumulators = MetricsOf(prefix);
        foreach (var m in accumulators)
        {
            m.Accumulator.Reset();
        }

        SetTraining(false);
        var batchSize = options.EvaluationBatchSize ?? options.BatchSize;
        using var losses = new StepValues();
        using (torch.NoGrad())
        {
            var batches = split.Batches(batchSize);
            using var pass = split.Pass(null, batchSize, batches, interrupt);
            for (var b = 0; b < batches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = pass.Next();
                var length = batch.Size;
                var step = precision.Run(() => prefix == "test" ? task.TestStep(batch, this) : task.ValidationStep(batch, this));
                losses.Add(step, length);
                UpdateMetrics(accumulators, step, batch);
            }
        }

        foreach (var (key, value) in losses.Means(prefix, out _))
        {
            result[key] = value;
        }

        AddComputed(result, prefix, accumulators);
        return result;
    }

    /// <summary>
    /// The names an epoch records, from one validation step of the task on the first batch of
    /// <paramref name="split"/> (evaluation mode, no gradients, libtorch's random state put back, so
    /// training draws exactly as without it), <c>val_</c> ones too with <paramref name="validation"/>; throws what the step throws.
    /// </summary>
    public SortedSet<string> TrialNames(SplitReader split, bool validation)
    {
        ArgumentNullException.ThrowIfNull(split);
        var names = new SortedSet<string>(StringComparer.Ordinal) { "lr" };
        foreach (var (role, optimizer) in Optimizers)
        {
            if (optimizer != Optimizer)
            {
                names.Add($"lr_{role}");
            }
        }

        using var rng = torch.GetRngState().DetachFromDisposeScope();
        try
        {
            SetTraining(false);
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            using var head = split.Head(options.BatchSize);
            var batch = new TaskBatch(head.Features, head.Targets);
            var step = task.ValidationStep(batch, this);
            var keys = step.Values.Keys.Prepend(step.Loss is null ? null : "loss").OfType<string>().ToList();
            foreach (var prefix in validation ? new[] { "train", "val" } : ["train"])
            {
                foreach (var key in keys)
                {
                    names.Add($"{prefix}_{key}");
                }
            }
        }
        finally
        {
            torch.SetRngState(rng);
            SetTraining(true);
        }

        return names;
    }

    /// <summary>Evaluates the test split after training, records <c>test_*</c> metrics and their artifacts.</summary>
    public Dictionary<string, double> Test(DataSplit test)
    {
        ArgumentNullException.ThrowIfNull(test);
        using var reader = SplitReader.InMemory("test", test);
        return Test(reader);
    }

    /// <summary>Evaluates the test split after training, records <c>test_*</c> metrics and their artifacts.</summary>
    public Dictionary<string, double> Test(SplitReader test)
    {
        var result = Evaluate(test, "test");
        Publish(result);
        foreach (var (key, value) in result)
        {
            runLog.LogMetric(key, value, GlobalStep);
        }

        Callbacks.TestEnd(this);
        return result;
    }

    /// <summary>
    /// Writes each metric's files (confusion matrix, ROC curve, ...) for the last pass over
    /// <paramref name="prefix"/> and records the pictures under <c>plots/</c>, the rest under <c>metrics/</c>.
    /// </summary>
    public void RecordMetricArtifacts(string prefix)
    {
        var directory = Path.Combine(OutputDirectory, "metrics", prefix);
        Directory.CreateDirectory(directory);
        foreach (var m in MetricsOf(prefix))
        {
            foreach (var path in m.Accumulator.WriteArtifacts(directory, prefix))
            {
                var picture = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
                runLog.LogArtifact(path, picture ? "plots" : "metrics");
            }
        }
    }

    /// <summary>The model's outputs for <paramref name="features"/> in evaluation mode, batched; the caller owns the result.</summary>
    public Tensor Predict(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        SetTraining(false);
        var batchSize = options.EvaluationBatchSize ?? options.BatchSize;
        var n = features.Shape[0];
        using var scope = torch.NewDisposeScope();
        using var _ = torch.NoGrad();
        using var x = features.To(Device);
        var outputs = new List<Tensor>();
        for (long start = 0; start < n; start += batchSize)
        {
            outputs.Add(MixedPrecision.ToFloat32(precision.Run(() => task.PredictStep(x.Narrow(0, start, Math.Min(batchSize, n - start)), this))));
        }

        var result = outputs.Count == 1 ? outputs[0].Clone() : torch.Cat(outputs, 0);
        return result.DetachFromDisposeScope();
    }

    /// <summary>Returns the epoch's training metrics, or null when an interrupt cut it short.</summary>
    private Dictionary<string, double>? TrainEpoch(SplitReader train, IBatchTransform? transform)
    {
        var accumulators = MetricsOf("train");
        foreach (var m in accumulators)
        {
            m.Accumulator.Reset();
        }

        SetTraining(true);
        var n = train.Count;
        var batchSize = options.BatchSize;
        using var losses = new StepValues();
        using var permutation = EpochOrder(n);
        if (distributed is not null)
        {
            n = permutation!.Shape[0];
        }

        // With dropLast the samples of the last partial batch are not part of the epoch.
        n = Math.Min(n, (long)BatchesPerEpoch * batchSize);
        using var pass = train.Pass(permutation, batchSize, BatchesPerEpoch, interrupt);

        var perBatchSchedules = Schedules.Values.Where(s => s.Interval == SchedulerInterval.Batch).Select(s => s.Scheduler).ToList();
        var progressWatch = Stopwatch.StartNew();
        lastBatchLoss = null;
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            Batch = b + 1;
            Callbacks.BatchStart(this);
            var start = (long)b * batchSize;
            var length = Math.Min(batchSize, n - start);
            using (var scope = torch.NewDisposeScope())
            {
                TaskBatch read;
                try
                {
                    read = pass.Next();
                }
                catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
                {
                    // Ctrl+C while waiting for the loader: the epoch is abandoned, as between batches.
                    return null;
                }

                var (x, y) = (read.Features, read.Targets);
                if (transform is not null)
                {
                    x = transform.Apply(x);
                }

                var batch = new TaskBatch(x, y);
                var (step, stepped) = !task.AutomaticOptimization ? (precision.Run(() => task.TrainingStep(batch, this)), true)
                    : options.AccumulateGradBatches == 1 ? OptimizeBatch(batch)
                    : AccumulateBatch(batch, b, length, n);
                if (stepped)
                {
                    GlobalStep++;
                }

                UpdateMetrics(accumulators, step, batch);
                lastBatchLoss = losses.Add(step, length);
            }

            var optimizerStepped = (b + 1) % options.AccumulateGradBatches == 0 || b + 1 == BatchesPerEpoch;
            if (optimizerStepped)
            {
                foreach (var scheduler in perBatchSchedules)
                {
                    scheduler.Step();
                }
            }

            if (optimizerStepped && options.LogEveryNSteps > 0 && GlobalStep % options.LogEveryNSteps == 0 && BatchLoss is { } stepLoss)
            {
                runLog.LogMetric("train_loss_step", stepLoss, GlobalStep);
            }

            Callbacks.BatchEnd(this);
            ReportProgress(progressWatch, final: b + 1 == BatchesPerEpoch);
            var (interrupted, stopped) = BatchStops();
            if (interrupted)
            {
                return null;
            }

            if (stopped)
            {
                break;
            }
        }

        var result = losses.Means("train", out var bad);
        if (bad is { } nonFinite)
        {
            throw new TrainingException(
                $"The training {nonFinite.Key.Replace('_', ' ')} became {nonFinite.Value.ToString(CultureInfo.InvariantCulture)} at epoch {Epoch}, batch {nonFinite.Batch} of {BatchesPerEpoch}. " +
                "Lower the learning rate, enable gradient clipping (training.gradientClipping), or check the data for missing or extreme values.");
        }

        AddComputed(result, "train", accumulators);
        lastBatchLoss = null;
        return distributed is null ? result : AcrossRanks(result);
    }

    /// <summary>
    /// The epoch's order over the split: a permutation from the run's seed (the same on every rank),
    /// or null to go in order; under ddp, this rank's share of it.
    /// </summary>
    private Tensor? EpochOrder(long count)
    {
        if (distributed is null)
        {
            return options.Shuffle ? torch.RandPerm(count, device: Device).DetachFromDisposeScope() : null;
        }

        using var scope = torch.NewDisposeScope();
        var order = options.Shuffle ? torch.RandPerm(count, device: Device) : torch.Arange(count, device: Device);
        return distributed.Sampler.Share(order).DetachFromDisposeScope();
    }

    /// <summary>
    /// After a batch: whether to abandon the epoch (Ctrl+C or SIGTERM) and whether to stop training (a
    /// callback asked). Under ddp, either on any rank counts for all, so every rank leaves after the
    /// same batch and none waits in a collective for one that is gone.
    /// </summary>
    private (bool Interrupted, bool Stopped) BatchStops()
    {
        var interrupted = interrupt.IsCancellationRequested;
        var stopped = stopReason is not null;
        if (distributed is null)
        {
            return (interrupted, stopped);
        }

        var any = distributed.Parallel.Any([interrupted, stopped]);
        if (any[1])
        {
            stopReason ??= "another rank stopped training";
        }

        return (any[0], any[1]);
    }

    /// <summary>
    /// Each training metric averaged across ranks (equal shares: exact for means over samples, such as
    /// the loss and accuracy), so every rank records and monitors the same global values.
    /// </summary>
    private Dictionary<string, double> AcrossRanks(Dictionary<string, double> perRank)
    {
        var global = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in perRank.Keys.Order(StringComparer.Ordinal))
        {
            global[key] = distributed!.Parallel.Mean(perRank[key]);
        }

        return global;
    }

    /// <summary>
    /// One optimizer step on one batch. Every optimizer steps through a closure, as Lightning does:
    /// most evaluate it once, LBFGS re-evaluates the model several times per step. The first
    /// evaluation is the batch's loss and output, as without a closure.
    /// </summary>
    private (StepOutput Step, bool Stepped) OptimizeBatch(TaskBatch batch)
    {
        if (precision.Scaler is { } scaler)
        {
            return ScaledBatch(batch, scaler);
        }

        StepOutput? first = null;
        Optimizer.Step(() =>
        {
            Optimizer.ZeroGrad();
            var evaluated = precision.Run(() => task.TrainingStep(batch, this));
            var evaluatedLoss = LossOf(evaluated);
            evaluatedLoss.Backward();
            distributed?.Parallel.AverageGradients(Model.Parameters());
            ClipGradients(PrimaryRole);
            first ??= evaluated;
            return evaluatedLoss;
        });
        return (first!, true);
    }

    private static Tensor LossOf(StepOutput step) =>
        step.Loss ?? throw new TrainingException("The task's training step returned no loss; with automatic optimization the trainer needs one to backpropagate.");

    /// <summary>
    /// Batch <paramref name="b"/> of a group of <see cref="TrainerOptions.AccumulateGradBatches"/>:
    /// its gradients are added to the group's, its loss weighted by its share of the group's samples
    /// (so the step equals one over the whole group as one batch, a short last group included); the
    /// last batch of the group clips and steps.
    /// </summary>
    private (StepOutput Step, bool Stepped) AccumulateBatch(TaskBatch batch, int b, long length, long samples)
    {
        var k = options.AccumulateGradBatches;
        var first = b / k * k;
        var end = Math.Min(first + k, BatchesPerEpoch);
        var groupSamples = Math.Min((long)end * options.BatchSize, samples) - ((long)first * options.BatchSize);
        if (b == first)
        {
            Optimizer.ZeroGrad();
        }

        var step = precision.Run(() => task.TrainingStep(batch, this));
        var share = LossOf(step) * ((double)length / groupSamples);
        (precision.Scaler is { } scaler ? scaler.ScaleLoss(share) : share).Backward();
        if (b + 1 < end)
        {
            return (step, false);
        }

        StepUnlessOverflowed();
        return (step, true);
    }

    /// <summary>
    /// One float16 step with loss scaling (<c>scaler.scale(loss).backward(); scaler.step(optimizer);
    /// scaler.update()</c>): no closure, so LBFGS is refused with precision 16 before training.
    /// </summary>
    private (StepOutput Step, bool Stepped) ScaledBatch(TaskBatch batch, GradScaler scaler)
    {
        Optimizer.ZeroGrad();
        var step = precision.Run(() => task.TrainingStep(batch, this));
        scaler.ScaleLoss(LossOf(step)).Backward();
        StepUnlessOverflowed();
        return (step, true);
    }

    /// <summary>
    /// Clips and steps; with loss scaling the gradients are unscaled first, and a step whose
    /// gradients overflowed float16 is skipped (the scaler lowers its scale).
    /// </summary>
    private void StepUnlessOverflowed()
    {
        if (precision.Scaler is not { } scaler)
        {
            // Under ddp the group's summed gradients are averaged once, at the step (DDP's no_sync).
            distributed?.Parallel.AverageGradients(Model.Parameters());
            ClipGradients(PrimaryRole);
            Optimizer.Step();
            return;
        }

        var finite = scaler.Unscale(Model.Parameters());
        distributed?.Parallel.AverageGradients(Model.Parameters());
        finite = distributed is null ? finite : !distributed.Parallel.Any(!finite);
        if (finite)
        {
            ClipGradients(PrimaryRole);
            Optimizer.Step();
        }

        scaler.Update(finite);
    }

    /// <summary>Batches in an epoch of <paramref name="samples"/>: the last partial one is dropped with <c>training.dropLast</c>.</summary>
    private int BatchCount(long samples) =>
        checked((int)(options.DropLast ? samples / options.BatchSize : (samples + options.BatchSize - 1) / options.BatchSize));

    private void ReportProgress(Stopwatch watch, bool final)
    {
        if (Progress is null)
        {
            return;
        }

        // At most ten updates a second: each one reads the running loss back from the device.
        if (!final && watch.ElapsedMilliseconds < 100)
        {
            return;
        }

        watch.Restart();
        Progress.Report(new EpochProgress(Epoch, Epochs, Batch, BatchesPerEpoch, BatchLoss));
    }

    public void ClipGradients(string role)
    {
        if (!Models.TryGetValue(role, out var model))
        {
            throw new TrainingException($"There is no model in role '{role}'; the roles are {string.Join(", ", Models.Keys)}.");
        }

        // Under ddp a manual task's gradients are averaged before they are clipped (once; its step does not repeat it).
        if (taskOptimizers.TryGetValue(role, out var optimizer) && optimizer is SynchronizedOptimizer synchronized)
        {
            synchronized.AverageGradients();
        }

        if (options.ClipGradientNorm is { } maxNorm)
        {
            GradientClipping.ClipNorm(model.Parameters(), maxNorm, options.ClipGradientNormType);
        }

        if (options.ClipGradientValue is { } clipValue)
        {
            GradientClipping.ClipValue(model.Parameters(), clipValue);
        }
    }

    private string PrimaryRole => Models.First(m => m.Value == Model).Key;

    private void SetTraining(bool training)
    {
        foreach (var model in Models.Values)
        {
            if (training)
            {
                model.Train();
            }
            else
            {
                model.Eval();
            }
        }
    }

    private static void UpdateMetrics(IReadOnlyList<NamedMetric> accumulators, StepOutput step, TaskBatch batch)
    {
        if (accumulators.Count == 0 || step.Output is null)
        {
            return;
        }

        var output = MixedPrecision.ToFloat32(step.Output.Detach());
        var target = step.Target ?? batch.Targets;
        foreach (var m in accumulators)
        {
            m.Accumulator.Update(output, target);
        }
    }

    private void StepEpochSchedulers()
    {
        foreach (var schedule in Schedules.Values.Where(s => s.Interval == SchedulerInterval.Epoch))
        {
            StepEpochScheduler(schedule);
        }
    }

    private void StepEpochScheduler(LrSchedule schedule)
    {
        if (schedule.Monitor is { } monitor)
        {
            if (!latest.TryGetValue(monitor, out var value))
            {
                throw new TrainingException(
                    $"The scheduler watches '{monitor}', which this run does not record. Recorded: {string.Join(", ", latest.Keys.Order(StringComparer.Ordinal))}.");
            }

            var step = schedule.StepWithMetric
                ?? throw new TrainingException($"The scheduler watches '{monitor}' but gives no way to step it with a value (LrSchedule.StepWithMetric).");
            step(value);
        }
        else
        {
            schedule.Scheduler.Step();
        }
    }

    private IReadOnlyList<NamedMetric> MetricsOf(string prefix) => metrics.TryGetValue(prefix, out var list) ? list : [];

    private static void AddComputed(Dictionary<string, double> result, string prefix, IReadOnlyList<NamedMetric> accumulators)
    {
        foreach (var m in accumulators)
        {
            IReadOnlyDictionary<string, double> values;
            try
            {
                values = m.Accumulator.Compute();
            }
            catch (Exception e) when (e is not TrainingException)
            {
                throw new TrainingException($"Metric '{m.Name}' failed to compute its {prefix} value: {e.Message}", e);
            }

            foreach (var (name, value) in values)
            {
                result[$"{prefix}_{name}"] = value;
            }
        }
    }

    private void Publish(IReadOnlyDictionary<string, double> values)
    {
        foreach (var (key, value) in values)
        {
            latest[key] = value;
        }
    }

    private void LogEpoch(int epoch, TimeSpan elapsed, long samples)
    {
        // Lines the limiter holds back still reach the log file (and --verbose's console) as debug.
        var level = EpochLines.Show(last: epoch == Epochs || StopRequested) ? LogLevel.Information : LogLevel.Debug;
        if (!Logger.IsEnabled(level))
        {
            return;
        }

        // The keys' order is worked out again only when a metric appears (thousands of short epochs log a line each).
        if (epochLineKeys.Length != latest.Count)
        {
            epochLineKeys = [.. latest.Keys
                .OrderBy(k => k.StartsWith("test_", StringComparison.Ordinal) ? 3 : k.StartsWith("lr", StringComparison.Ordinal) ? 2 : k.StartsWith("val_", StringComparison.Ordinal) ? 1 : 0)
                .ThenBy(k => k, StringComparer.Ordinal)];
        }

        var line = new StringBuilder();
        foreach (var key in epochLineKeys)
        {
            if (!key.StartsWith("test_", StringComparison.Ordinal))
            {
                line.Append(CultureInfo.InvariantCulture, $"{(line.Length == 0 ? string.Empty : " ")}{key}={latest[key]:G6}");
            }
        }

        var rate = samples / Math.Max(elapsed.TotalSeconds, 1e-9);
        var text = line.ToString();
        LogEpochLine(Logger, level, epoch, Epochs, text, elapsed.TotalSeconds, rate);
    }

    [LoggerMessage(Message = "Epoch {Epoch}/{Epochs} {Metrics} ({Seconds:F2} s, {SamplesPerSecond:F0} samples/s)")]
    private static partial void LogEpochLine(ILogger logger, LogLevel level, int epoch, int epochs, string metrics, double seconds, double samplesPerSecond);
}
