using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Decays the rate to 0 along a polynomial over <c>totalIters</c> steps (<c>lr_scheduler.PolynomialLR</c>).</summary>
[Plugin("polynomial")]
public sealed class PolynomialLrScheduler : ILrScheduler<PolynomialLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(PolynomialLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule { Scheduler = new PolynomialLR(context.Optimizer, options.TotalIters, options.Power), Interval = options.Interval };
    }
}
