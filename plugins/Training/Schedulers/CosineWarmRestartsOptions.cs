using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>cosine-warm-restarts</c> scheduler.</summary>
public sealed class CosineWarmRestartsOptions : IScheduleOptions
{
    /// <summary>Steps until the first restart. Defaults to 10.</summary>
    [Range(1, int.MaxValue)]
    public int T0 { get; set; } = 10;

    /// <summary>Each period is this many times longer than the one before. Defaults to 1.</summary>
    [Range(1, int.MaxValue)]
    public int TMult { get; set; } = 1;

    /// <summary>The lowest rate. Defaults to 0.</summary>
    [Range(0.0, double.MaxValue)]
    public double EtaMin { get; set; }

    /// <summary>When the trainer steps the scheduler: <c>epoch</c> or <c>batch</c>. Defaults to epoch.</summary>
    public SchedulerInterval Interval { get; set; } = SchedulerInterval.Epoch;
}
