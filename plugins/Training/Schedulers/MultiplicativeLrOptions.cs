using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>multiplicative</c> scheduler.</summary>
public sealed class MultiplicativeLrOptions : IScheduleOptions
{
    /// <summary>
    /// The factor the rate is multiplied by at every step (PyTorch's <c>lr_lambda</c>, here a
    /// constant: a function has no form in an experiment file). Defaults to 0.95.
    /// </summary>
    [Range(0.0, double.MaxValue)]
    public double Factor { get; set; } = 0.95;

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
