namespace Crucible.Torch.Optim;

/// <summary>
/// Changes the rates linearly from <c>startFactor</c> to <c>endFactor</c> times the initial rate over
/// <c>totalIters</c> epochs (<c>torch.optim.lr_scheduler.LinearLR</c>), e.g. a linear warm-up.
/// </summary>
public sealed class LinearLR : LRScheduler
{
    private readonly double startFactor;
    private readonly double endFactor;
    private readonly int totalIters;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="startFactor">In (0, 1]: the factor at epoch 0. Defaults to 1/3.</param>
    /// <param name="endFactor">In [0, 1]: the factor from <paramref name="totalIters"/> on. Defaults to 1.</param>
    /// <param name="totalIters">Epochs of the ramp. Defaults to 5.</param>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5)
        : base(optimizer)
    {
        if (startFactor is > 1.0 or < 0 || double.IsNaN(startFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Starting multiplicative factor expected to be between 0 and 1.");
        }

        if (endFactor is > 1.0 or < 0 || double.IsNaN(endFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "Ending multiplicative factor expected to be between 0 and 1.");
        }

        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        if (LastEpoch == 0)
        {
            return Groups.Select(g => g.LearningRate * startFactor).ToArray();
        }

        if (LastEpoch > totalIters)
        {
            return CurrentLrs();
        }

        var change = endFactor - startFactor;
        var factor = 1.0 + (change / ((totalIters * startFactor) + ((LastEpoch - 1) * change)));
        return Groups.Select(g => g.LearningRate * factor).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() =>
        BaseLrs.Select(b => b * (startFactor + ((endFactor - startFactor) * Math.Min(totalIters, LastEpoch) / totalIters))).ToArray();
}
