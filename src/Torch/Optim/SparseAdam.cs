namespace Crucible.Torch.Optim;

/// <summary>
/// Adam for sparse gradients, as <c>Embedding(sparse: true)</c> produces (<c>torch.optim.SparseAdam</c>):
/// only the moments of rows present in the gradient are updated. Group options: <c>beta1</c>,
/// <c>beta2</c>, <c>eps</c>, <c>maximize</c>. State: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c> (Adam's, <see cref="Adam.State"/>).
/// A dense gradient is an error, as in PyTorch.
/// </summary>
public sealed class SparseAdam : Optimizer<Adam.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.001.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients. Defaults to 0.999.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public SparseAdam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public SparseAdam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["beta1"] = beta1,
            ["beta2"] = beta2,
            ["eps"] = eps,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "eps", 0, double.MaxValue);
            AdamOptions.Check(group, "beta1", 0, Math.BitDecrement(1.0));
            AdamOptions.Check(group, "beta2", 0, Math.BitDecrement(1.0));
        }
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("SparseAdam", Options.Of, static (p, s, _) =>
    {
        s.ExpAvg = ZerosLike(p);
        s.ExpAvgSq = ZerosLike(p);
    }, Update, sparseGradients: true);

    // torch/optim/_functional.py, sparse_adam of PyTorch 1.13: only the gradient's nonzero entries change.
    private static void Update(Tensor param, Tensor grad, Adam.State s, double step, double lr, in Options o, GroupGradients factors)
    {
        grad = grad.Coalesce();
        var indices = grad.Indices();
        var values = grad.Values();
        var size = grad.Shape;
        var (expAvg, expAvgSq) = (s.ExpAvg, s.ExpAvgSq);
        var oldExpAvgValues = expAvg.SparseMask(grad).Values();
        var expAvgUpdateValues = values.Sub(oldExpAvgValues).Mul_(1 - o.Beta1);
        expAvg.Add_(torch.SparseCooTensor(indices, expAvgUpdateValues, size));
        var oldExpAvgSqValues = expAvgSq.SparseMask(grad).Values();
        var expAvgSqUpdateValues = values.Pow(2).Sub_(oldExpAvgSqValues).Mul_(1 - o.Beta2);
        expAvgSq.Add_(torch.SparseCooTensor(indices, expAvgSqUpdateValues, size));
        var numer = expAvgUpdateValues.Add_(oldExpAvgValues);
        expAvgSqUpdateValues.Add_(oldExpAvgSqValues);
        var denom = expAvgSqUpdateValues.Sqrt_().Add_(o.Eps);
        var biasCorrection1 = 1 - Math.Pow(o.Beta1, step);
        var biasCorrection2 = 1 - Math.Pow(o.Beta2, step);
        var stepSize = lr * Math.Sqrt(biasCorrection2) / biasCorrection1;
        param.Add_(torch.SparseCooTensor(indices, numer.Div_(denom).Mul(-stepSize), size));
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Beta1, double Beta2, double Eps, bool Maximize) : IGradientOptions
    {
        public double WeightDecay => 0;

        public static Options Of(ParamGroup g) => new(g.Option("beta1"), g.Option("beta2"), g.Option("eps"), g.Flag("maximize"));
    }
}
