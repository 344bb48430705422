using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>The 1cycle policy: the rate rises to <c>maxLr</c> and anneals far below its start (<c>lr_scheduler.OneCycleLR</c>).</summary>
[Plugin("one-cycle")]
public sealed class OneCycleScheduler : ILrScheduler<OneCycleOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(OneCycleOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var group = context.Optimizer.ParamGroups[0];
        if (options.CycleMomentum && !group.Options.ContainsKey("momentum") && !group.Options.ContainsKey("beta1"))
        {
            throw new ExperimentConfigException(
                "scheduler 'one-cycle' cycles the optimizer's momentum or beta1 (cycleMomentum: true), but this optimizer has neither; use sgd, rmsprop or an Adam variant, or set cycleMomentum: false.");
        }

        var maxLr = options.MaxLr ?? context.Optimizer.ParamGroups[0].LearningRate;
        var totalSteps = options.TotalSteps ?? ScheduleLength.Of(context, options.Interval);
        var scheduler = new OneCycleLR(context.Optimizer, [maxLr], totalSteps, pctStart: options.PctStart, annealStrategy: options.AnnealStrategy,
            cycleMomentum: options.CycleMomentum, baseMomentum: [options.BaseMomentum], maxMomentum: [options.MaxMomentum],
            divFactor: options.DivFactor, finalDivFactor: options.FinalDivFactor, threePhase: options.ThreePhase);
        return new LrSchedule { Scheduler = scheduler, Interval = options.Interval };
    }
}
