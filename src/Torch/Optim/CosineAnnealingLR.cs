namespace Crucible.Torch.Optim;

/// <summary>
/// Anneals the rates along a cosine from the initial rate to <c>etaMin</c> over <c>tMax</c> epochs,
/// then back up (<c>torch.optim.lr_scheduler.CosineAnnealingLR</c>), in PyTorch's recursive form.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    private readonly int tMax;
    private readonly double etaMin;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="tMax">Epochs of a half cosine period; must be positive.</param>
    /// <param name="etaMin">The lowest rate. Defaults to 0.</param>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        if (LastEpoch == 0)
        {
            return CurrentLrs();
        }

        if (StepCount == 1 && LastEpoch > 0)
        {
            return BaseLrs.Select(b => etaMin + ((b - etaMin) * (1 + Math.Cos(LastEpoch * Math.PI / tMax)) / 2)).ToArray();
        }

        if (FloorMod(LastEpoch - 1 - tMax, 2 * tMax) == 0)
        {
            return Groups.Select((g, i) => g.LearningRate + ((BaseLrs[i] - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2)).ToArray();
        }

        var ratio = (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / tMax));
        return Groups.Select(g => (ratio * (g.LearningRate - etaMin)) + etaMin).ToArray();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() =>
        BaseLrs.Select(b => etaMin + ((b - etaMin) * (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / 2)).ToArray();

    private static int FloorMod(int a, int b) => ((a % b) + b) % b;
}
