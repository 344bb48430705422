namespace Crucible.Torch.Optim;

/// <summary>
/// Adamax, Adam with the infinity norm (<c>torch.optim.Adamax</c>). Group options: <c>beta1</c>,
/// <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>maximize</c>. State: <c>step</c>,
/// <c>exp_avg</c>, <c>exp_inf</c>.
/// </summary>
public sealed class Adamax : Optimizer<Adamax.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.002.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the infinity norm. Defaults to 0.999.</param>
    /// <param name="eps">Added for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public Adamax(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public Adamax(IEnumerable<ParamGroup> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["beta1"] = beta1,
            ["beta2"] = beta2,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        AdamOptions.Validate(ParamGroups);
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("Adamax", Options.Of, static (p, s, _) =>
    {
        s.ExpAvg = ZerosLike(p);
        s.ExpInf = ZerosLike(p);
    }, Update);

    // torch/optim/adamax.py, _single_tensor_adamax of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients factors)
    {
        var (expAvg, expInf) = (s.ExpAvg, s.ExpInf);
        expAvg.Mul_(o.Beta1).Add_(grad, 1 - o.Beta1);

        // PyTorch takes amax over [exp_inf * beta2, |grad| + eps] stacked: the elementwise maximum.
        expInf.Mul_(o.Beta2).Maximum_(grad.Abs().Add_(o.Eps));
        var clr = lr / (1 - Math.Pow(o.Beta1, step));
        param.AddCDiv_(expAvg, expInf, -clr);
    }

    /// <summary>Adamax's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Running mean of the gradients (<c>exp_avg</c>).</summary>
        public Tensor ExpAvg
        {
            get => GetTensor("exp_avg");
            set => Set("exp_avg", value);
        }

        /// <summary>Exponentially weighted infinity norm of the gradients (<c>exp_inf</c>).</summary>
        public Tensor ExpInf
        {
            get => GetTensor("exp_inf");
            set => Set("exp_inf", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Beta1, double Beta2, double Eps, double WeightDecay, bool Maximize) : IGradientOptions
    {
        public static Options Of(ParamGroup g) => new(g.Option("beta1"), g.Option("beta2"), g.Option("eps"), g.Option("weight_decay"), g.Flag("maximize"));
    }
}
