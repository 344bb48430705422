using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Host.Training;

/// <summary>
/// What a checkpoint folder holds and how it is written and restored: the model's weights
/// (<c>model.safetensors</c>; a task's other model roles as <c>model-{role}.safetensors</c>), the
/// optimizers' (<c>optimizer.safetensors</c>, <c>optimizer-{role}.safetensors</c>) and the scheduler's state dicts, libtorch's RNG state,
/// and <c>checkpoint.json</c> (epoch, step, metrics, every callback's state, the float16 loss scaler's state): everything a resumed run
/// needs to continue bit-identically. <see cref="Checkpointer"/> decides when one is written.
/// </summary>
internal static class CheckpointFormat
{
    public const string InfoFile = "checkpoint.json";
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string SchedulerFile = "scheduler.safetensors";
    public const string RngFile = "rng.safetensors";

    /// <summary>Writes the trainer's state after its last completed epoch into <paramref name="directory"/>.</summary>
    public static void Write(string directory, Trainer trainer, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(trainer);
        Directory.CreateDirectory(directory);
        foreach (var (role, model) in trainer.Models)
        {
            model.Save(Path.Combine(directory, FileOf(ModelFile, role, model == trainer.Model)));
        }

        foreach (var (role, optimizer) in trainer.Optimizers)
        {
            optimizer.SaveState(Path.Combine(directory, FileOf(OptimizerFile, role, optimizer == trainer.Optimizer)));
        }

        foreach (var (role, schedule) in trainer.Schedules)
        {
            schedule.Scheduler.SaveState(Path.Combine(directory, FileOf(SchedulerFile, role, trainer.Optimizers[role] == trainer.Optimizer)));
        }
        using (var scope = torch.NewDisposeScope())
        {
            var rng = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["cpu"] = torch.GetRngState() };
            if (trainer.Device.IsCuda)
            {
                rng["cuda"] = torch.Cuda.GetRngState(Math.Max(trainer.Device.Index, 0));
            }

            torch.Save(rng, Path.Combine(directory, RngFile));
        }

        var info = new CheckpointInfo
        {
            Epoch = trainer.CompletedEpochs,
            GlobalStep = trainer.GlobalStep,
            Metrics = new Dictionary<string, double>(trainer.Metrics, StringComparer.Ordinal),
            LearningRates = trainer.Optimizer.ParamGroups.Select(g => g.LearningRate).ToList(),
            Callbacks = trainer.Callbacks.SaveStates(),
            LossScale = trainer.LossScaler is { } scaler ? new LossScaleState(scaler.Scale, scaler.GrowthTracker, scaler.SkippedSteps) : null,
            Seed = seed,
            RunId = trainer.RunId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        File.WriteAllBytes(Path.Combine(directory, InfoFile), JsonSerializer.SerializeToUtf8Bytes(info, CheckpointJson.Default.CheckpointInfo));
    }

    /// <summary>
    /// Loads a checkpoint folder into the freshly built model, optimizer and scheduler, hands every
    /// callback its state, restores libtorch's RNG state, and returns where training stood.
    /// </summary>
    public static CheckpointInfo Restore(string directory, Trainer trainer, long seed)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var info = ReadInfo(directory);
        if (info.Seed != seed)
        {
            throw new TrainingException(
                $"The checkpoint in {directory} was written with seed {info.Seed} but this run uses {seed}; a resumed run must use the seed of the run it continues.");
        }

        foreach (var (role, model) in trainer.Models)
        {
            model.Load(Path.Combine(directory, FileOf(ModelFile, role, model == trainer.Model)));
        }

        foreach (var (role, schedule) in trainer.Schedules)
        {
            var file = FileOf(SchedulerFile, role, trainer.Optimizers[role] == trainer.Optimizer);
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new TrainingException($"The checkpoint in {directory} has no scheduler state ({file}), but this experiment has a scheduler for the optimizer '{role}'; it was written by another experiment.");
            }

            schedule.Scheduler.LoadState(path);
        }

        // The optimizer last: its state sets the learning rates exactly as they were.
        foreach (var (role, optimizer) in trainer.Optimizers)
        {
            optimizer.LoadState(Path.Combine(directory, FileOf(OptimizerFile, role, optimizer == trainer.Optimizer)));
        }

        trainer.Callbacks.LoadStates(info.Callbacks);
        if (trainer.LossScaler is { } lossScaler && info.LossScale is { } lossScale)
        {
            lossScaler.Restore(lossScale.Scale, lossScale.GrowthTracker, lossScale.SkippedSteps);
        }

        using (var rng = torch.Load(Path.Combine(directory, RngFile)))
        {
            torch.SetRngState(rng["cpu"]);
            if (trainer.Device.IsCuda && rng.TryGetValue("cuda", out var cuda))
            {
                torch.Cuda.SetRngState(cuda, Math.Max(trainer.Device.Index, 0));
            }
        }

        return info;
    }

    /// <summary>The primary role's file keeps the single-model name, so a one-model checkpoint is as it always was.</summary>
    private static string FileOf(string file, string role, bool primary) =>
        primary ? file : $"{Path.GetFileNameWithoutExtension(file)}-{role}{Path.GetExtension(file)}";

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

        var info = JsonSerializer.Deserialize(File.ReadAllBytes(path), CheckpointJson.Default.CheckpointInfo)
            ?? throw new TrainingException($"{path} is empty.");
        if (info.FormatVersion != CheckpointInfo.CurrentFormat)
        {
            throw new TrainingException(
                $"{path} has checkpoint format {info.FormatVersion}; this Crucible reads format {CheckpointInfo.CurrentFormat} (it restores schedulers from their state dicts). Resume it with the Crucible version that wrote it.");
        }

        return info;
    }
}

/// <summary>
/// <c>checkpoint.json</c>'s serializer, generated at build time: a run writes its first checkpoint
/// before the first epoch, and building the serializer by reflection then cost 40 ms. Compact: a
/// checkpoint carries every callback's state, written, logged and copied at every checkpoint.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CheckpointInfo))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
