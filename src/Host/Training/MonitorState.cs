namespace Crucible.Host.Training;

/// <summary>What a <see cref="MetricMonitor"/> must remember across a resume.</summary>
internal sealed record MonitorState(double? Best, int BestEpoch, int EpochsWithoutImprovement);
