namespace Crucible.Host.Training;

/// <summary>
/// The JSON part of a checkpoint (<c>checkpoint.json</c>): where training stood. The tensors (model,
/// optimizer, RNG) live beside it as safetensors files.
/// </summary>
internal sealed record CheckpointInfo
{
    /// <summary>The format, so an old checkpoint is recognized rather than misread.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The last completed epoch (0: before the first one).</summary>
    public required int Epoch { get; init; }

    /// <summary>Optimizer steps taken so far.</summary>
    public required long GlobalStep { get; init; }

    /// <summary>The epoch metrics recorded last.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Scheduler steps taken (replayed on resume).</summary>
    public long SchedulerSteps { get; init; }

    /// <summary>The values a metric-driven scheduler was stepped with, in order (replayed on resume).</summary>
    public IReadOnlyList<double> SchedulerMetricValues { get; init; } = [];

    /// <summary>Learning rate of each parameter group.</summary>
    public required IReadOnlyList<double> LearningRates { get; init; }

    /// <summary>Monitor states by role (<c>best</c>, <c>early_stopping</c>).</summary>
    public required IReadOnlyDictionary<string, MonitorState> Monitors { get; init; }

    /// <summary>The experiment's seed, to warn when a resume uses another one.</summary>
    public required long Seed { get; init; }

    /// <summary>The run that wrote it.</summary>
    public required string RunId { get; init; }

    /// <summary>When it was written (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
