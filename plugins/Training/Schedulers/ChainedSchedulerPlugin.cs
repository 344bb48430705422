using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Steps several schedulers together, their factors multiplying (<c>lr_scheduler.ChainedScheduler</c>).</summary>
[Plugin("chained")]
public sealed class ChainedSchedulerPlugin : ILrScheduler<ChainedOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(ChainedOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var schedulers = NestedSchedulers.Create(options.Schedulers, options.Interval, context, "chained");
        return new LrSchedule { Scheduler = new ChainedScheduler(schedulers), Interval = options.Interval };
    }
}
