namespace Crucible.Torch.Optim;

/// <summary>
/// Rectified Adam (<c>torch.optim.RAdam</c>): plain momentum steps until the variance estimate is
/// reliable, then variance-rectified Adam steps. Group options: <c>beta1</c>, <c>beta2</c>,
/// <c>eps</c>, <c>weight_decay</c>. State: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c> (Adam's, <see cref="Adam.State"/>).
/// PyTorch 1.13's RAdam has no <c>maximize</c> or decoupled weight decay; neither has this one.
/// </summary>
public sealed class RAdam : Optimizer<Adam.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.001.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients. Defaults to 0.999.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    public RAdam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public RAdam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["beta1"] = beta1,
            ["beta2"] = beta2,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
        })
    {
        AdamOptions.Validate(ParamGroups);
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("RAdam", Options.Of, static (p, s, _) =>
    {
        s.ExpAvg = ZerosLike(p);
        s.ExpAvgSq = ZerosLike(p);
    }, Update);

    // torch/optim/radam.py, _single_tensor_radam of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, Adam.State s, double step, double lr, in Options o, GroupGradients g)
    {
        var (expAvg, expAvgSq) = (s.ExpAvg, s.ExpAvgSq);
        var biasCorrection1 = 1 - Math.Pow(o.Beta1, step);
        var biasCorrection2 = 1 - Math.Pow(o.Beta2, step);
        g.Mul_(expAvg, o.Beta1).Add_(grad, 1 - o.Beta1);
        g.Mul_(expAvgSq, o.Beta2).AddCMul_(grad, grad, 1 - o.Beta2);
        var biasCorrectedExpAvg = expAvg / biasCorrection1;
        var rhoInf = (2 / (1 - o.Beta2)) - 1;
        var rhoT = rhoInf - (2 * step * Math.Pow(o.Beta2, step) / biasCorrection2);
        if (rhoT > 5.0)
        {
            var rect = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));

            // Python's `float / tensor` is tensor.reciprocal() * float.
            // The same products as PyTorch's, computed in place on the temporaries.
            var adaptiveLr = g.Add_(expAvgSq.Sqrt(), o.Eps).Reciprocal().Mul_(Math.Sqrt(biasCorrection2));
            param.Add_(g.Mul_(biasCorrectedExpAvg, lr).Mul_(adaptiveLr).Mul_(rect), -1.0);
        }
        else
        {
            param.Add_(g.Mul_(biasCorrectedExpAvg, lr), -1.0);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Beta1, double Beta2, double Eps, double WeightDecay) : IGradientOptions
    {
        public bool Maximize => false;

        public static Options Of(ParamGroup g) => new(g.Option("beta1"), g.Option("beta2"), g.Option("eps"), g.Option("weight_decay"));
    }
}
