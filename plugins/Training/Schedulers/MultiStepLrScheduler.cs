using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Decays the rate by <c>gamma</c> at each milestone (<c>lr_scheduler.MultiStepLR</c>).</summary>
[Plugin("multi-step")]
public sealed class MultiStepLrScheduler : ILrScheduler<MultiStepLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(MultiStepLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule { Scheduler = new MultiStepLR(context.Optimizer, options.Milestones, options.Gamma), Interval = options.Interval };
    }
}
