using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Anneals the rate along a half cosine down to <c>etaMin</c> (<c>lr_scheduler.CosineAnnealingLR</c>).</summary>
[Plugin("cosine")]
public sealed class CosineAnnealingScheduler : ILrScheduler<CosineAnnealingOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(CosineAnnealingOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var tMax = options.TMax ?? ScheduleLength.Of(context, options.Interval);
        return new LrSchedule { Scheduler = new CosineAnnealingLR(context.Optimizer, tMax, options.EtaMin), Interval = options.Interval };
    }
}
