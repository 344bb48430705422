using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>
/// Options of a scheduler the trainer can step per epoch or per batch. A scheduler nested in
/// <c>sequential</c> or <c>chained</c> is stepped on its parent's interval, which it takes over.
/// </summary>
internal interface IScheduleOptions
{
    /// <summary>When the trainer steps the scheduler.</summary>
    SchedulerInterval Interval { get; set; }
}
