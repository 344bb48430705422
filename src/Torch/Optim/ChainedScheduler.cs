namespace Crucible.Torch.Optim;

/// <summary>
/// Steps several schedulers together, each applying its change on top of the others'
/// (<c>torch.optim.lr_scheduler.ChainedScheduler</c>), e.g. a <see cref="ConstantLR"/> warm-up with
/// an <see cref="ExponentialLR"/> decay.
/// </summary>
public sealed class ChainedScheduler : LRScheduler
{
    private readonly LRScheduler[] schedulers;

    /// <summary>Chains the schedulers; all must drive the same optimizer.</summary>
    public ChainedScheduler(IReadOnlyList<LRScheduler> schedulers)
        : base(First(schedulers).Optimizer)
    {
        for (var i = 1; i < schedulers.Count; i++)
        {
            if (!ReferenceEquals(schedulers[i].Optimizer, schedulers[0].Optimizer))
            {
                throw new ArgumentException($"ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and {i} to be different.", nameof(schedulers));
            }
        }

        this.schedulers = schedulers.ToArray();
        Children = this.schedulers;
        LastEpoch = 0;
        BaseLrs = CurrentLrs();
        RecordLastLr();
    }

    /// <inheritdoc />
    public override void Step()
    {
        foreach (var scheduler in schedulers)
        {
            scheduler.Step();
        }

        LastEpoch++;
        RecordLastLr();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() => CurrentLrs();

    /// <inheritdoc />
    protected internal override void InitialStep()
    {
    }

    private static LRScheduler First(IReadOnlyList<LRScheduler> schedulers)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        return schedulers.Count > 0 ? schedulers[0] : throw new ArgumentException("ChainedScheduler needs at least one scheduler.", nameof(schedulers));
    }
}
