using Crucible.Abstractions;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>How many times the trainer will step a scheduler over the whole run.</summary>
internal static class ScheduleLength
{
    /// <summary><c>epochs</c> for a per-epoch schedule, <c>epochs × steps per epoch</c> for a per-batch one.</summary>
    public static int Of(SchedulerContext context, SchedulerInterval interval) =>
        interval == SchedulerInterval.Batch ? checked(context.Epochs * context.StepsPerEpoch) : context.Epochs;
}
