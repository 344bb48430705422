namespace Crucible.Torch.Optim;

/// <summary>Multiplies the rates by <c>gamma</c> every epoch (<c>torch.optim.lr_scheduler.ExponentialLR</c>).</summary>
public sealed class ExponentialLR : LRScheduler
{
    private readonly double gamma;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="gamma">The decay factor per epoch.</param>
    public ExponentialLR(Optimizer optimizer, double gamma)
        : base(optimizer)
    {
        this.gamma = gamma;
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() =>
        LastEpoch == 0 ? CurrentLrs() : Groups.Select(g => g.LearningRate * gamma).ToArray();

    /// <inheritdoc />
    protected override IReadOnlyList<double>? GetClosedFormLr() => BaseLrs.Select(b => b * Math.Pow(gamma, LastEpoch)).ToArray();
}
