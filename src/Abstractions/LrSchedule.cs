using Crucible.Torch.Optim;

namespace Crucible.Abstractions;

/// <summary>
/// What a scheduler plugin returns: the scheduler and how the trainer must drive it.
/// </summary>
public sealed class LrSchedule
{
    /// <summary>The scheduler, attached to the run's optimizer.</summary>
    public required LRScheduler Scheduler { get; init; }

    /// <summary>Whether it steps per epoch or per batch. Defaults to <see cref="SchedulerInterval.Epoch"/>.</summary>
    public SchedulerInterval Interval { get; init; } = SchedulerInterval.Epoch;

    /// <summary>
    /// For a metric-driven scheduler (ReduceLROnPlateau): the epoch metric it watches, named as the
    /// trainer records it (<c>val_loss</c>, <c>val_accuracy</c>, <c>train_loss</c>). Defaults to null:
    /// the trainer calls <see cref="LRScheduler.Step()"/>.
    /// </summary>
    public string? Monitor { get; init; }

    /// <summary>
    /// For a metric-driven scheduler: steps it with the monitored value (for example
    /// <c>plateau.Step</c>). Required when <see cref="Monitor"/> is set; the trainer then calls it
    /// instead of <see cref="LRScheduler.Step()"/>. Defaults to null.
    /// </summary>
    public Action<double>? StepWithMetric { get; init; }
}
