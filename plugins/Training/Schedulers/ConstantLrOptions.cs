using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>constant</c> scheduler.</summary>
public sealed class ConstantLrOptions : IScheduleOptions
{
    /// <summary>The factor the rate is multiplied by until <c>totalIters</c> steps have passed; between 0 and 1. Defaults to 1/3.</summary>
    [Range(0.0, 1.0)]
    public double Factor { get; set; } = 1.0 / 3;

    /// <summary>Steps during which the rate is reduced. Defaults to 5.</summary>
    [Range(0, int.MaxValue)]
    public int TotalIters { get; set; } = 5;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
