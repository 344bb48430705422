namespace Crucible.Torch.Optim;

/// <summary>
/// Adam with Nesterov momentum (<c>torch.optim.NAdam</c>). Group options: <c>beta1</c>,
/// <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum_decay</c>. State: <c>step</c>,
/// <c>mu_product</c> (a float32 scalar, as in PyTorch), <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// PyTorch 1.13's NAdam has no <c>maximize</c> or decoupled weight decay; neither has this one.
/// </summary>
public sealed class NAdam : Optimizer<NAdam.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.002.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients. Defaults to 0.999.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="momentumDecay">Momentum decay (psi). Defaults to 0.004.</param>
    public NAdam(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, momentumDecay)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public NAdam(IEnumerable<ParamGroup> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["beta1"] = beta1,
            ["beta2"] = beta2,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
            ["momentum_decay"] = momentumDecay,
        })
    {
        AdamOptions.Validate(ParamGroups);
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "momentum_decay", 0, double.MaxValue);
        }
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("NAdam", Options.Of, static (p, s, _) =>
    {
        s.ExpAvg = ZerosLike(p);
        s.ExpAvgSq = ZerosLike(p);
        s.MuProduct = ScalarFloat(1.0);
    }, Update);

    // torch/optim/nadam.py, _single_tensor_nadam of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients g)
    {
        var (expAvg, expAvgSq, muProduct) = (s.ExpAvg, s.ExpAvgSq, s.MuProduct);
        var biasCorrection2 = 1 - Math.Pow(o.Beta2, step);
        var mu = o.Beta1 * (1.0 - (0.5 * Math.Pow(0.96, step * o.MomentumDecay)));
        var muNext = o.Beta1 * (1.0 - (0.5 * Math.Pow(0.96, (step + 1) * o.MomentumDecay)));

        // mu_product is a float32 tensor in PyTorch; keep its rounding.
        muProduct.Mul_(mu);
        var muProductNext = muProduct * mu * muNext;
        g.Mul_(expAvg, o.Beta1).Add_(grad, 1 - o.Beta1);
        g.Mul_(expAvgSq, o.Beta2).AddCMul_(grad, grad, 1 - o.Beta2);
        var denom = g.Add_(expAvgSq.Div(biasCorrection2).Sqrt(), o.Eps);
        param.AddCDiv_(grad, denom, -lr * (1.0 - mu) / (1.0 - muProduct.Item<double>()));
        param.AddCDiv_(expAvg, denom, -lr * muNext / (1.0 - muProductNext.Item<double>()));
    }

    /// <summary>NAdam's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Running mean of the gradients (<c>exp_avg</c>).</summary>
        public Tensor ExpAvg
        {
            get => GetTensor("exp_avg");
            set => Set("exp_avg", value);
        }

        /// <summary>Running mean of the squared gradients (<c>exp_avg_sq</c>).</summary>
        public Tensor ExpAvgSq
        {
            get => GetTensor("exp_avg_sq");
            set => Set("exp_avg_sq", value);
        }

        /// <summary>Product of the momentum coefficients so far, a 0-dim float32 tensor (<c>mu_product</c>).</summary>
        public Tensor MuProduct
        {
            get => GetTensor("mu_product");
            set => Set("mu_product", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Beta1, double Beta2, double Eps, double WeightDecay, double MomentumDecay) : IGradientOptions
    {
        public bool Maximize => false;

        public static Options Of(ParamGroup g) => new(g.Option("beta1"), g.Option("beta2"), g.Option("eps"), g.Option("weight_decay"), g.Option("momentum_decay"));
    }
}
