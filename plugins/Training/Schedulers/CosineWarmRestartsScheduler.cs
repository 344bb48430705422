using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Cosine annealing restarted every <c>t0 × tMult^i</c> steps (<c>lr_scheduler.CosineAnnealingWarmRestarts</c>).</summary>
[Plugin("cosine-warm-restarts")]
public sealed class CosineWarmRestartsScheduler : ILrScheduler<CosineWarmRestartsOptions>
{
    /// <inheritdoc />
    public LrSchedule Create(CosineWarmRestartsOptions options, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return new LrSchedule
        {
            Scheduler = new CosineAnnealingWarmRestarts(context.Optimizer, options.T0, options.TMult, options.EtaMin),
            Interval = options.Interval,
        };
    }
}
