namespace Crucible.Torch.Optim;

/// <summary>
/// Multiplies each group's rate by a function of the epoch at every step
/// (<c>torch.optim.lr_scheduler.MultiplicativeLR</c>): <c>lr = lr * lambda(epoch)</c> from epoch 1.
/// </summary>
public sealed class MultiplicativeLR : LRScheduler
{
    private readonly Func<int, double>[] lambdas;

    /// <summary>Creates the scheduler with one function for every group.</summary>
    public MultiplicativeLR(Optimizer optimizer, Func<int, double> lrLambda)
        : this(optimizer, [lrLambda])
    {
    }

    /// <summary>Creates the scheduler with one function per group.</summary>
    public MultiplicativeLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas)
        : base(optimizer)
    {
        lambdas = LambdaList.PerGroup(lrLambdas, Groups.Count);
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() =>
        LastEpoch > 0 ? Groups.Select((g, i) => g.LearningRate * lambdas[i](LastEpoch)).ToArray() : CurrentLrs();
}
