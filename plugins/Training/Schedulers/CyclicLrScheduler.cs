using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Cycles the rate between a base and a maximum rate, and the momentum inversely (<c>lr_scheduler.CyclicLR</c>).</summary>
[Plugin("cyclic")]
public sealed class CyclicLrScheduler : ILrScheduler<CyclicLrOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(CyclicLrOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var maxLr = options.MaxLr ?? throw new ArgumentException("The cyclic scheduler needs maxLr.", nameof(options));
        if (options.CycleMomentum && !context.Optimizer.ParamGroups[0].Options.ContainsKey("momentum"))
        {
            throw new ExperimentConfigException(
                "scheduler 'cyclic' cycles the optimizer's momentum (cycleMomentum: true), but this optimizer has no momentum option; use sgd or rmsprop, or set cycleMomentum: false.");
        }

        var baseLr = options.BaseLr ?? context.Optimizer.ParamGroups[0].LearningRate;
        var scheduler = new CyclicLR(context.Optimizer, [baseLr], [maxLr], options.StepSizeUp, options.StepSizeDown, options.Mode, options.Gamma,
            cycleMomentum: options.CycleMomentum, baseMomentum: [options.BaseMomentum], maxMomentum: [options.MaxMomentum]);
        return new LrSchedule { Scheduler = scheduler, Interval = options.Interval };
    }
}
