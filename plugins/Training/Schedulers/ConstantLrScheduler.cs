using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Multiplies the rate by a constant factor for the first steps, a warm-up (<c>lr_scheduler.ConstantLR</c>).</summary>
[Plugin("constant")]
public sealed class ConstantLrScheduler : ILrScheduler<ConstantLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(ConstantLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule { Scheduler = new ConstantLR(context.Optimizer, options.Factor, options.TotalIters), Interval = options.Interval };
    }
}
