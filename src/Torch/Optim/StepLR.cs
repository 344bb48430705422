namespace Crucible.Torch.Optim;

/// <summary>Multiplies the rates by <c>gamma</c> every <c>stepSize</c> epochs (<c>torch.optim.lr_scheduler.StepLR</c>).</summary>
public sealed class StepLR : LRScheduler
{
    private readonly int stepSize;
    private readonly double gamma;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="stepSize">Epochs between decays; must be positive.</param>
    /// <param name="gamma">The decay factor. Defaults to 0.1.</param>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() =>
        LastEpoch == 0 || LastEpoch % stepSize != 0 ? CurrentLrs() : Groups.Select(g => g.LearningRate * gamma).ToArray();

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() =>
        BaseLrs.Select(b => b * Math.Pow(gamma, Math.Floor((double)LastEpoch / stepSize))).ToArray();
}
