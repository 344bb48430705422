namespace Crucible.Torch.Optim;

/// <summary>
/// Multiplies the rates by <c>gamma</c> at each milestone epoch (<c>torch.optim.lr_scheduler.MultiStepLR</c>);
/// a milestone listed twice decays twice.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly int[] milestones;
    private readonly double gamma;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="milestones">The epochs at which to decay.</param>
    /// <param name="gamma">The decay factor. Defaults to 0.1.</param>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        this.milestones = milestones.Order().ToArray();
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        var count = milestones.Count(m => m == LastEpoch);
        return count == 0 ? CurrentLrs() : Groups.Select(g => g.LearningRate * Math.Pow(gamma, count)).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr()
    {
        var passed = milestones.Count(m => m <= LastEpoch);
        return BaseLrs.Select(b => b * Math.Pow(gamma, passed)).ToArray();
    }
}
