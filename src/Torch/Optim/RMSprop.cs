namespace Crucible.Torch.Optim;

/// <summary>
/// RMSprop (<c>torch.optim.RMSprop</c>), optionally centered and with momentum. Group options:
/// <c>alpha</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum</c>, <c>centered</c>, <c>maximize</c>.
/// State: <c>step</c>, <c>square_avg</c>, <c>momentum_buffer</c>, <c>grad_avg</c>.
/// </summary>
public sealed class RMSprop : Optimizer<RMSprop.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.01.</param>
    /// <param name="alpha">Smoothing constant. Defaults to 0.99.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="momentum">Momentum factor. Defaults to 0.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient. Defaults to false.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public RMSprop(IEnumerable<ParamGroup> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["alpha"] = alpha,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
            ["momentum"] = momentum,
            ["centered"] = centered ? 1 : 0,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "eps", 0, double.MaxValue);
            RequireRange(group, "momentum", 0, double.MaxValue);
            RequireRange(group, "weight_decay", 0, double.MaxValue);
            RequireRange(group, "alpha", 0, double.MaxValue);
        }
    }

    /// <inheritdoc />
    public override void Step() => StepEachParameter("RMSprop", Options.Of, static (p, s, _) => s.SquareAvg = ZerosLike(p), Update);

    // torch/optim/rmsprop.py, _single_tensor_rmsprop of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients g)
    {
        // Created on first need, so a group whose options change later still finds its buffers.
        if (o.Momentum > 0 && s.MomentumBuffer is null)
        {
            s.MomentumBuffer = ZerosLike(param);
        }

        if (o.Centered && s.GradAvg is null)
        {
            s.GradAvg = ZerosLike(param);
        }

        var squareAvg = s.SquareAvg;
        g.Mul_(squareAvg, o.Alpha).AddCMul_(grad, grad, 1 - o.Alpha);
        Tensor avg;
        if (o.Centered)
        {
            var gradAvg = s.GradAvg!;
            g.Mul_(gradAvg, o.Alpha).Add_(grad, 1 - o.Alpha);
            avg = squareAvg.Clone().AddCMul_(gradAvg, gradAvg, -1).Sqrt_();
        }
        else
        {
            avg = squareAvg.Sqrt();
        }

        g.Add_(avg, o.Eps);
        if (o.Momentum > 0)
        {
            var buffer = s.MomentumBuffer!;
            g.Mul_(buffer, o.Momentum).AddCDiv_(grad, avg);
            param.Add_(buffer, -lr);
        }
        else
        {
            param.AddCDiv_(grad, avg, -lr);
        }
    }

    /// <summary>RMSprop's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Running mean of the squared gradients (<c>square_avg</c>).</summary>
        public Tensor SquareAvg
        {
            get => GetTensor("square_avg");
            set => Set("square_avg", value);
        }

        /// <summary>The momentum buffer (<c>momentum_buffer</c>); null without momentum.</summary>
        public Tensor? MomentumBuffer
        {
            get => FindTensor("momentum_buffer");
            set => Set("momentum_buffer", value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>Running mean of the gradients when centered (<c>grad_avg</c>); null otherwise.</summary>
        public Tensor? GradAvg
        {
            get => FindTensor("grad_avg");
            set => Set("grad_avg", value ?? throw new ArgumentNullException(nameof(value)));
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Alpha, double Eps, double WeightDecay, double Momentum, bool Centered, bool Maximize) : IGradientOptions
    {
        public static Options Of(ParamGroup g) =>
            new(g.Option("alpha"), g.Option("eps"), g.Option("weight_decay"), g.Option("momentum"), g.Flag("centered"), g.Flag("maximize"));
    }
}
