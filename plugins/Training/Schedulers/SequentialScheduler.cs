using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Runs schedulers one after another, switching at milestone steps, e.g. a linear warm-up then cosine (<c>lr_scheduler.SequentialLR</c>).</summary>
[Plugin("sequential")]
public sealed class SequentialScheduler : ILrScheduler<SequentialOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(SequentialOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var schedulers = NestedSchedulers.Create(options.Schedulers, options.Interval, context, "sequential");
        return new LrSchedule { Scheduler = new SequentialLR(context.Optimizer, schedulers, options.Milestones), Interval = options.Interval };
    }
}
