using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Training;

/// <summary>
/// Writes the run's checkpoints and records them as artifacts: <c>checkpoints/last</c> after every
/// epoch (and once before the first, so an interrupted run can always resume) and
/// <c>checkpoints/best</c> whenever the monitored metric improves. A checkpoint is a folder with the
/// model state (<c>model.safetensors</c>), the optimizer state, libtorch's RNG state, and
/// <c>checkpoint.json</c> (epoch, step, metrics, monitor states, the scheduler's step count and
/// monitored values, from which it is replayed): everything a resumed run needs to continue
/// bit-identically.
/// </summary>
internal sealed class Checkpointer
{
    public const string LastArtifactPath = "checkpoints/last";
    public const string BestArtifactPath = "checkpoints/best";
    public const string InfoFile = "checkpoint.json";
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string RngFile = "rng.safetensors";
    private const string BestRole = "best";
    private const string EarlyStoppingRole = "early_stopping";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string root;
    private readonly IRunLog runLog;
    private readonly long seed;
    private readonly int everyEpochs;
    private readonly bool saveLast;

    public Checkpointer(string root, MetricMonitor? best, EarlyStopping? earlyStopping, IRunLog runLog, long seed, int everyEpochs = 1, bool saveLast = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(runLog);
        ArgumentOutOfRangeException.ThrowIfLessThan(everyEpochs, 1);
        this.root = root;
        Best = best;
        EarlyStopping = earlyStopping;
        this.runLog = runLog;
        this.seed = seed;
        this.everyEpochs = everyEpochs;
        this.saveLast = saveLast;
        Directory.CreateDirectory(root);
    }

    /// <summary>Decides which epoch is "best"; null when the run keeps no best checkpoint.</summary>
    public MetricMonitor? Best { get; }

    public EarlyStopping? EarlyStopping { get; }

    /// <summary>The local folder of the latest <c>last</c> checkpoint, or null before the first.</summary>
    public string? LastDirectory { get; private set; }

    /// <summary>The local folder of the current best checkpoint, or null when none was written.</summary>
    public string? BestDirectory { get; private set; }

    /// <summary>
    /// Saves and records the state after the trainer's last completed epoch: as <c>last</c> every
    /// <c>everyEpochs</c> epochs and after the final one, as <c>best</c> when the monitor improved.
    /// </summary>
    public void OnEpochCompleted(Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var epoch = trainer.CompletedEpochs;
        var improved = false;
        if (Best is not null && epoch > 0)
        {
            if (!trainer.Metrics.TryGetValue(Best.Metric, out var value))
            {
                throw new TrainingException(
                    $"The best checkpoint monitors '{Best.Metric}', which this run does not record. " +
                    $"Recorded: {string.Join(", ", trainer.Metrics.Keys.Order(StringComparer.Ordinal))}.");
            }

            improved = Best.Update(epoch, value);
        }

        var final = epoch == trainer.Epochs || trainer.StopRequested;
        var last = saveLast && (epoch % everyEpochs == 0 || final);
        if (!last && !improved)
        {
            return;
        }

        // The recorder snapshots a folder when it is logged, so the previous one can go right away;
        // the best one stays for restoring the best weights at the end.
        var directory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}"));
        Write(directory, trainer);
        var previousLast = LastDirectory;
        var previousBest = BestDirectory;
        if (last)
        {
            LastDirectory = directory;
            runLog.LogArtifact(directory, LastArtifactPath);
        }

        if (improved)
        {
            BestDirectory = directory;
            runLog.LogArtifact(directory, BestArtifactPath);
        }

        foreach (var old in new[] { previousLast, previousBest })
        {
            if (old is not null && old != LastDirectory && old != BestDirectory && Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }

    /// <summary>Uses a downloaded best checkpoint (of the run being resumed) as the current best.</summary>
    public void AdoptBest(string? directory)
    {
        if (directory is not null && File.Exists(Path.Combine(directory, ModelFile)))
        {
            BestDirectory = directory;
        }
    }

    /// <summary>
    /// Loads a checkpoint folder into the freshly built model, optimizer and scheduler, restores the
    /// monitors and libtorch's RNG state, and returns where training stood.
    /// </summary>
    public CheckpointInfo Restore(string directory, Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var info = ReadInfo(directory);
        if (info.Seed != seed)
        {
            throw new TrainingException(
                $"The checkpoint in {directory} was written with seed {info.Seed} but this run uses {seed}; a resumed run must use the seed of the run it continues.");
        }

        var device = trainer.Device;
        trainer.Model.Load(Path.Combine(directory, ModelFile));

        // The scheduler first: replaying it moves the learning rates, which the optimizer's state then sets exactly.
        trainer.ReplayScheduler(info.SchedulerSteps, info.SchedulerMetricValues);
        trainer.Optimizer.LoadState(Path.Combine(directory, OptimizerFile));
        if (Best is not null && info.Monitors.TryGetValue(BestRole, out var best))
        {
            Best.Restore(best);
        }

        if (EarlyStopping is not null && info.Monitors.TryGetValue(EarlyStoppingRole, out var stopping))
        {
            EarlyStopping.Monitor.Restore(stopping);
        }

        using (var rng = torch.Load(Path.Combine(directory, RngFile)))
        {
            torch.SetRngState(rng["cpu"]);
            if (device.IsCuda && rng.TryGetValue("cuda", out var cuda))
            {
                torch.Cuda.SetRngState(cuda, Math.Max(device.Index, 0));
            }
        }

        return info;
    }

    /// <summary>Loads only the model weights of a checkpoint folder (to restore the best weights).</summary>
    public static void LoadWeights(string directory, Module model) =>
        _ = model.Load(Path.Combine(directory, ModelFile));

    public static CheckpointInfo ReadInfo(string directory)
    {
        var path = Path.Combine(directory, InfoFile);
        if (!File.Exists(path))
        {
            throw new TrainingException($"{directory} is not a Crucible checkpoint: {InfoFile} is missing.");
        }

        return JsonSerializer.Deserialize<CheckpointInfo>(File.ReadAllText(path), Json)
            ?? throw new TrainingException($"{path} is empty.");
    }

    private void Write(string directory, Trainer trainer)
    {
        Directory.CreateDirectory(directory);
        trainer.Model.Save(Path.Combine(directory, ModelFile));
        trainer.Optimizer.SaveState(Path.Combine(directory, OptimizerFile));
        using (var scope = torch.NewDisposeScope())
        {
            var rng = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["cpu"] = torch.GetRngState() };
            if (trainer.Device.IsCuda)
            {
                rng["cuda"] = torch.Cuda.GetRngState(Math.Max(trainer.Device.Index, 0));
            }

            torch.Save(rng, Path.Combine(directory, RngFile));
        }

        var monitors = new Dictionary<string, MonitorState>(StringComparer.Ordinal);
        if (Best is not null)
        {
            monitors[BestRole] = Best.Save();
        }

        if (EarlyStopping is not null)
        {
            monitors[EarlyStoppingRole] = EarlyStopping.Monitor.Save();
        }

        var info = new CheckpointInfo
        {
            Epoch = trainer.CompletedEpochs,
            GlobalStep = trainer.GlobalStep,
            SchedulerSteps = trainer.SchedulerSteps,
            SchedulerMetricValues = trainer.SchedulerMetricValues.ToList(),
            Metrics = new Dictionary<string, double>(trainer.Metrics, StringComparer.Ordinal),
            LearningRates = trainer.Optimizer.ParamGroups.Select(g => g.LearningRate).ToList(),
            Monitors = monitors,
            Seed = seed,
            RunId = trainer.RunId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        File.WriteAllText(Path.Combine(directory, InfoFile), JsonSerializer.Serialize(info, Json));
    }
}
