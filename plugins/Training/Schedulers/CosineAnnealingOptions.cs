using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>cosine</c> scheduler.</summary>
public sealed class CosineAnnealingOptions : IScheduleOptions
{
    /// <summary>
    /// Steps of the half cosine from the initial rate to <c>etaMin</c>. Defaults to null: the whole
    /// run (<c>training.epochs</c>, times the batches per epoch with a per-batch interval).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? TMax { get; set; }

    /// <summary>The lowest rate. Defaults to 0.</summary>
    [Range(0.0, double.MaxValue)]
    public double EtaMin { get; set; }

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
