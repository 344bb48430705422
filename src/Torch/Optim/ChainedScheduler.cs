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

    /// <inheritdoc />
    protected internal override void SaveState(StateDict stateDict, string prefix)
    {
        base.SaveState(stateDict, prefix);
        for (var i = 0; i < schedulers.Length; i++)
        {
            schedulers[i].SaveState(stateDict, Invariant($"{prefix}_schedulers.{i}."));
        }
    }

    /// <inheritdoc />
    protected internal override void LoadState(StateDict stateDict, string prefix)
    {
        base.LoadState(stateDict, prefix);
        for (var i = 0; i < schedulers.Length; i++)
        {
            schedulers[i].LoadState(stateDict, Invariant($"{prefix}_schedulers.{i}."));
        }
    }

    private static LRScheduler First(IReadOnlyList<LRScheduler> schedulers)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        return schedulers.Count > 0 ? schedulers[0] : throw new ArgumentException("ChainedScheduler needs at least one scheduler.", nameof(schedulers));
    }
}
