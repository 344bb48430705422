using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Multiplies the rate by a constant factor at every step (<c>lr_scheduler.MultiplicativeLR</c>).</summary>
[Plugin("multiplicative")]
public sealed class MultiplicativeLrScheduler : ILrScheduler<MultiplicativeLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(MultiplicativeLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var factor = options.Factor;
        return new LrSchedule { Scheduler = new MultiplicativeLR(context.Optimizer, _ => factor), Interval = options.Interval };
    }
}
