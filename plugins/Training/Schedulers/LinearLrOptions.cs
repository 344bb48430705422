using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>linear</c> scheduler.</summary>
public sealed class LinearLrOptions : IScheduleOptions
{
    /// <summary>The factor of the rate at the first step; greater than 0, at most 1. Defaults to 1/3.</summary>
    [Range(double.Epsilon, 1.0)]
    public double StartFactor { get; set; } = 1.0 / 3;

    /// <summary>The factor of the rate after <c>totalIters</c> steps; between 0 and 1. Defaults to 1.</summary>
    [Range(0.0, 1.0)]
    public double EndFactor { get; set; } = 1.0;

    /// <summary>Steps over which the factor moves from start to end. Defaults to 5.</summary>
    [Range(1, int.MaxValue)]
    public int TotalIters { get; set; } = 5;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
