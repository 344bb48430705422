using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Decays the rate by <c>gamma</c> every <c>stepSize</c> steps (<c>lr_scheduler.StepLR</c>).</summary>
[Plugin("step")]
public sealed class StepLrScheduler : ILrScheduler<StepLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(StepLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule { Scheduler = new StepLR(context.Optimizer, options.StepSize, options.Gamma), Interval = options.Interval };
    }
}
