namespace Crucible.Torch.Optim;

/// <summary>
/// Runs schedulers one after another, switching at milestone epochs
/// (<c>torch.optim.lr_scheduler.SequentialLR</c>), e.g. a <see cref="LinearLR"/> warm-up then a
/// <see cref="CosineAnnealingLR"/>. At each milestone the next scheduler restarts from epoch 0.
/// </summary>
public sealed class SequentialLR : LRScheduler
{
    private readonly LRScheduler[] schedulers;
    private readonly int[] milestones;

    /// <summary>Creates the sequence; every scheduler must drive <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer all the schedulers drive.</param>
    /// <param name="schedulers">The schedulers, in order.</param>
    /// <param name="milestones">The epochs at which to switch to the next one; one fewer than the schedulers.</param>
    public SequentialLR(Optimizer optimizer, IReadOnlyList<LRScheduler> schedulers, IReadOnlyList<int> milestones)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedulers.Count == 0)
        {
            throw new ArgumentException("SequentialLR needs at least one scheduler.", nameof(schedulers));
        }

        for (var i = 0; i < schedulers.Count; i++)
        {
            if (!ReferenceEquals(schedulers[i].Optimizer, optimizer))
            {
                throw new ArgumentException($"Sequential schedulers expect all schedulers to belong to the same optimizer, but the scheduler at index {i} drives another one.", nameof(schedulers));
            }
        }

        if (milestones.Count != schedulers.Count - 1)
        {
            throw new ArgumentException(
                $"Sequential schedulers expect one milestone fewer than schedulers, but got {schedulers.Count} schedulers and {milestones.Count} milestones.", nameof(milestones));
        }

        this.schedulers = schedulers.ToArray();
        Children = this.schedulers;
        this.milestones = milestones.ToArray();
        LastEpoch = 0;
        foreach (var group in Groups)
        {
            group.LearningRate = group.InitialLearningRate ?? group.LearningRate;
        }

        foreach (var scheduler in this.schedulers)
        {
            scheduler.LastEpoch -= 1;
        }

        this.schedulers[0].InitialStep();
        BaseLrs = CurrentLrs();
        SetLastLr(this.schedulers[0].GetLastLr());
    }

    /// <inheritdoc />
    public override void Step()
    {
        LastEpoch++;
        var idx = BisectRight(milestones, LastEpoch);
        var scheduler = schedulers[idx];
        if (idx > 0 && milestones[idx - 1] == LastEpoch)
        {
            scheduler.StepToEpoch(0);
        }
        else
        {
            scheduler.Step();
        }

        SetLastLr(scheduler.GetLastLr());
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() => CurrentLrs();

    /// <inheritdoc />
    protected internal override void InitialStep()
    {
    }

    private static int BisectRight(int[] sorted, int value)
    {
        var count = 0;
        while (count < sorted.Length && sorted[count] <= value)
        {
            count++;
        }

        return count;
    }
}
