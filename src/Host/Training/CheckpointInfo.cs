using System.Text.Json;

namespace Crucible.Host.Training;

/// <summary>
/// The JSON part of a checkpoint (<c>checkpoint.json</c>): where training stood. The tensors (model,
/// optimizer and scheduler state dicts, RNG) live beside it as safetensors files.
/// </summary>
internal sealed record CheckpointInfo
{
    /// <summary>The format this build writes; 1 replayed the scheduler's steps instead of loading its state dict.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The format, so an old checkpoint is recognized rather than misread.</summary>
    public int FormatVersion { get; init; } = CurrentFormat;

    /// <summary>The last completed epoch (0: before the first one).</summary>
    public required int Epoch { get; init; }

    /// <summary>Optimizer steps taken so far.</summary>
    public required long GlobalStep { get; init; }

    /// <summary>The epoch metrics recorded last.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Learning rate of each parameter group.</summary>
    public required IReadOnlyList<double> LearningRates { get; init; }

    /// <summary>Every callback's saved state by its key (its name in the experiment; the built-ins' <c>checkpoint</c>, <c>early-stopping</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Callbacks { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The float16 loss scaler's state (precision 16), null for a run without loss scaling.</summary>
    public LossScaleState? LossScale { get; init; }

    /// <summary>The experiment's seed, to warn when a resume uses another one.</summary>
    public required long Seed { get; init; }

    /// <summary>The run that wrote it.</summary>
    public required string RunId { get; init; }

    /// <summary>When it was written (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
