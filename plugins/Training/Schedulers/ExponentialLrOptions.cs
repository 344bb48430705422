using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>exponential</c> scheduler.</summary>
public sealed class ExponentialLrOptions : IScheduleOptions
{
    /// <summary>The factor the rate is multiplied by at every step. Defaults to 0.95.</summary>
    [Range(0.0, double.MaxValue)]
    public double Gamma { get; set; } = 0.95;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
