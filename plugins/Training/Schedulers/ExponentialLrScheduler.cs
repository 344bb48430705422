using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Multiplies the rate by <c>gamma</c> at every step (<c>lr_scheduler.ExponentialLR</c>).</summary>
[Plugin("exponential")]
public sealed class ExponentialLrScheduler : ILrScheduler<ExponentialLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(ExponentialLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule { Scheduler = new ExponentialLR(context.Optimizer, options.Gamma), Interval = options.Interval };
    }
}
