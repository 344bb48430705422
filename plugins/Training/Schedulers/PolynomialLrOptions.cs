using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>polynomial</c> scheduler.</summary>
public sealed class PolynomialLrOptions : IScheduleOptions
{
    /// <summary>Steps over which the rate decays to 0. Defaults to 5.</summary>
    [Range(1, int.MaxValue)]
    public int TotalIters { get; set; } = 5;

    /// <summary>The power of the polynomial. Defaults to 1 (linear decay).</summary>
    [Range(0.0, double.MaxValue)]
    public double Power { get; set; } = 1.0;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
