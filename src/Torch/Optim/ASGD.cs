namespace Crucible.Torch.Optim;

/// <summary>
/// Averaged stochastic gradient descent (<c>torch.optim.ASGD</c>). Group options: <c>lambd</c>,
/// <c>alpha</c>, <c>t0</c>, <c>weight_decay</c>, <c>maximize</c>. State: <c>step</c>, <c>eta</c>,
/// <c>mu</c> (float32 scalars, as in PyTorch), <c>ax</c> (the running average of the parameter).
/// </summary>
public sealed class ASGD : Optimizer<ASGD.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.01.</param>
    /// <param name="lambd">Decay term. Defaults to 1e-4.</param>
    /// <param name="alpha">Power for the eta update. Defaults to 0.75.</param>
    /// <param name="t0">The step at which averaging starts. Defaults to 1e6.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public ASGD(IEnumerable<Tensor> parameters, double lr = 1e-2, double lambd = 1e-4, double alpha = 0.75, double t0 = 1e6, double weightDecay = 0, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, lambd, alpha, t0, weightDecay, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public ASGD(IEnumerable<ParamGroup> groups, double lr = 1e-2, double lambd = 1e-4, double alpha = 0.75, double t0 = 1e6, double weightDecay = 0, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["lambd"] = lambd,
            ["alpha"] = alpha,
            ["t0"] = t0,
            ["weight_decay"] = weightDecay,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "weight_decay", 0, double.MaxValue);
        }
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("ASGD", Options.Of, static (p, s, group) =>
    {
        s.Ax = ZerosLike(p);
        s.Eta = ScalarFloat(group.LearningRate);
        s.Mu = ScalarFloat(1.0);
    }, Update);

    // torch/optim/asgd.py, _single_tensor_asgd of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients factors)
    {
        var (ax, eta, mu) = (s.Ax, s.Eta, s.Mu);
        var etaValue = eta.Item<double>();
        param.Mul_(1 - (o.Lambd * etaValue));
        param.Add_(grad, -etaValue);
        if (mu.Item<double>() != 1)
        {
            ax.Add_(param.Sub(ax).Mul(mu));
        }
        else
        {
            ax.Copy_(param);
        }

        // eta and mu are float32 scalars in PyTorch (torch.tensor(python float)); Fill_ rounds alike.
        eta.Fill_(lr / Math.Pow(1 + (o.Lambd * lr * step), o.Alpha));
        mu.Fill_(1 / Math.Max(1.0, step - o.T0));
    }

    /// <summary>ASGD's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Running average of the parameter (<c>ax</c>).</summary>
        public Tensor Ax
        {
            get => GetTensor("ax");
            set => Set("ax", value);
        }

        /// <summary>The current step size, a 0-dim float32 tensor (<c>eta</c>).</summary>
        public Tensor Eta
        {
            get => GetTensor("eta");
            set => Set("eta", value);
        }

        /// <summary>The averaging coefficient, a 0-dim float32 tensor (<c>mu</c>).</summary>
        public Tensor Mu
        {
            get => GetTensor("mu");
            set => Set("mu", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Lambd, double Alpha, double T0, double WeightDecay, bool Maximize) : IGradientOptions
    {
        public static Options Of(ParamGroup g) => new(g.Option("lambd"), g.Option("alpha"), g.Option("t0"), g.Option("weight_decay"), g.Flag("maximize"));
    }
}
