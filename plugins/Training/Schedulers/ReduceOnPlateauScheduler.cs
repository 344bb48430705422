using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>
/// Reduces the rate when an epoch metric stops improving (<c>lr_scheduler.ReduceLROnPlateau</c>);
/// the trainer steps it after each epoch with the value of <c>monitor</c>.
/// </summary>
[Plugin("reduce-on-plateau")]
public sealed class ReduceOnPlateauScheduler : ILrScheduler<ReduceOnPlateauOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(ReduceOnPlateauOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var plateau = new ReduceLROnPlateau(context.Optimizer, options.Mode, options.Factor, options.Patience, options.Threshold, options.ThresholdMode,
            options.Cooldown, [options.MinLr], options.Eps);
        return new LrSchedule { Scheduler = plateau, Interval = SchedulerInterval.Epoch, Monitor = options.Monitor, StepWithMetric = plateau.Step };
    }
}
