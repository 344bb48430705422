using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Moves the rate's factor linearly from a start to an end value, a warm-up (<c>lr_scheduler.LinearLR</c>).</summary>
[Plugin("linear")]
public sealed class LinearLrScheduler : ILrScheduler<LinearLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(LinearLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule
        {
            Scheduler = new LinearLR(context.Optimizer, options.StartFactor, options.EndFactor, options.TotalIters),
            Interval = options.Interval,
        };
    }
}
