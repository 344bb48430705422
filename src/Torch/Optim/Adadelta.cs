namespace Crucible.Torch.Optim;

/// <summary>
/// Adadelta (<c>torch.optim.Adadelta</c>). Group options: <c>rho</c>, <c>eps</c>,
/// <c>weight_decay</c>, <c>maximize</c>. State: <c>step</c>, <c>square_avg</c>, <c>acc_delta</c>.
/// </summary>
public sealed class Adadelta : Optimizer<Adadelta.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">Scales the delta before it is applied. Defaults to 1.</param>
    /// <param name="rho">Decay of the running averages. Defaults to 0.9.</param>
    /// <param name="eps">Added for stability. Defaults to 1e-6.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public Adadelta(IEnumerable<Tensor> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, rho, eps, weightDecay, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public Adadelta(IEnumerable<ParamGroup> groups, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["rho"] = rho,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "rho", 0, 1);
            RequireRange(group, "eps", 0, double.MaxValue);
            RequireRange(group, "weight_decay", 0, double.MaxValue);
        }
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("Adadelta", Options.Of, static (p, s, _) =>
    {
        s.SquareAvg = ZerosLike(p);
        s.AccDelta = ZerosLike(p);
    }, Update);

    // torch/optim/adadelta.py, _single_tensor_adadelta of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients g)
    {
        var (squareAvg, accDelta) = (s.SquareAvg, s.AccDelta);
        g.Mul_(squareAvg, o.Rho).AddCMul_(grad, grad, 1 - o.Rho);
        var std = g.Add(squareAvg, o.Eps).Sqrt_();
        var delta = g.Add(accDelta, o.Eps).Sqrt_().Div_(std).Mul_(grad);
        g.Mul_(accDelta, o.Rho).AddCMul_(delta, delta, 1 - o.Rho);
        param.Add_(delta, -lr);
    }

    /// <summary>Adadelta's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Running mean of the squared gradients (<c>square_avg</c>).</summary>
        public Tensor SquareAvg
        {
            get => GetTensor("square_avg");
            set => Set("square_avg", value);
        }

        /// <summary>Running mean of the squared updates (<c>acc_delta</c>).</summary>
        public Tensor AccDelta
        {
            get => GetTensor("acc_delta");
            set => Set("acc_delta", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Rho, double Eps, double WeightDecay, bool Maximize) : IGradientOptions
    {
        public static Options Of(ParamGroup g) => new(g.Option("rho"), g.Option("eps"), g.Option("weight_decay"), g.Flag("maximize"));
    }
}
