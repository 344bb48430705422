using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>step</c> scheduler.</summary>
public sealed class StepLrOptions : IScheduleOptions
{
    /// <summary>Steps (epochs, or batches with a per-batch interval) between two decays. Defaults to 10.</summary>
    [Range(1, int.MaxValue)]
    public int StepSize { get; set; } = 10;

    /// <summary>The factor the rate is multiplied by at each decay. Defaults to 0.1.</summary>
    [Range(0.0, double.MaxValue)]
    public double Gamma { get; set; } = 0.1;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
