namespace Crucible.Torch.Optim;

/// <summary>
/// Scales the rates by a constant factor until <c>totalIters</c> epochs have passed, then restores
/// them (<c>torch.optim.lr_scheduler.ConstantLR</c>), e.g. a warm-up at a fraction of the rate.
/// </summary>
public sealed class ConstantLR : LRScheduler
{
    private readonly double factor;
    private readonly int totalIters;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="factor">In [0, 1]: the scale until the milestone. Defaults to 1/3.</param>
    /// <param name="totalIters">Epochs at the reduced rate. Defaults to 5.</param>
    public ConstantLR(Optimizer optimizer, double factor = 1.0 / 3, int totalIters = 5)
        : base(optimizer)
    {
        if (factor is > 1.0 or < 0 || double.IsNaN(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Constant multiplicative factor expected to be between 0 and 1.");
        }

        this.factor = factor;
        this.totalIters = totalIters;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        if (LastEpoch == 0)
        {
            return Groups.Select(g => g.LearningRate * factor).ToArray();
        }

        return LastEpoch != totalIters ? CurrentLrs() : Groups.Select(g => g.LearningRate * (1.0 / factor)).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() =>
        BaseLrs.Select(b => b * (factor + ((LastEpoch >= totalIters ? 1 : 0) * (1 - factor)))).ToArray();
}
