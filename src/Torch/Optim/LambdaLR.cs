namespace Crucible.Torch.Optim;

/// <summary>
/// Sets each group's rate to its initial rate times a function of the epoch
/// (<c>torch.optim.lr_scheduler.LambdaLR</c>): <c>lr = initial_lr * lambda(epoch)</c>. The functions
/// are not part of the state dict (PyTorch saves none for plain functions either).
/// </summary>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double>[] lambdas;

    /// <summary>Creates the scheduler with one function for every group.</summary>
    public LambdaLR(Optimizer optimizer, Func<int, double> lrLambda)
        : this(optimizer, [lrLambda])
    {
    }

    /// <summary>Creates the scheduler with one function per group.</summary>
    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lrLambdas)
        : base(optimizer)
    {
        lambdas = LambdaList.PerGroup(lrLambdas, Groups.Count);
        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() => BaseLrs.Select((b, i) => b * lambdas[i](LastEpoch)).ToArray();
}

/// <summary>Checks and expands the per-group functions of <see cref="LambdaLR"/> and <see cref="MultiplicativeLR"/>.</summary>
internal static class LambdaList
{
    public static Func<int, double>[] PerGroup(IReadOnlyList<Func<int, double>> lambdas, int groups)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        foreach (var f in lambdas)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(lambdas));
        }

        if (lambdas.Count == 1)
        {
            return Enumerable.Repeat(lambdas[0], groups).ToArray();
        }

        return lambdas.Count == groups
            ? lambdas.ToArray()
            : throw new ArgumentException($"Expected {groups} lr lambdas (one per parameter group), but got {lambdas.Count}.", nameof(lambdas));
    }
}
