namespace Crucible.Torch.Optim;

/// <summary>
/// Decays the rates polynomially to zero over <c>totalIters</c> epochs
/// (<c>torch.optim.lr_scheduler.PolynomialLR</c>): <c>initial_lr * (1 - epoch / totalIters)^power</c>.
/// </summary>
public sealed class PolynomialLR : LRScheduler
{
    private readonly int totalIters;
    private readonly double power;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="totalIters">Epochs until the rate reaches zero. Defaults to 5.</param>
    /// <param name="power">The power of the polynomial. Defaults to 1.</param>
    public PolynomialLR(Optimizer optimizer, int totalIters = 5, double power = 1.0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalIters);
        this.totalIters = totalIters;
        this.power = power;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        if (LastEpoch == 0 || LastEpoch > totalIters)
        {
            return CurrentLrs();
        }

        var decay = Math.Pow((1.0 - ((double)LastEpoch / totalIters)) / (1.0 - ((double)(LastEpoch - 1) / totalIters)), power);
        return Groups.Select(g => g.LearningRate * decay).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() =>
        BaseLrs.Select(b => b * Math.Pow(1.0 - ((double)Math.Min(totalIters, LastEpoch) / totalIters), power)).ToArray();
}
