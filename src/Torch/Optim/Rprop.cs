namespace Crucible.Torch.Optim;

/// <summary>
/// Resilient backpropagation (<c>torch.optim.Rprop</c>): per-element step sizes that grow while the
/// gradient keeps its sign and shrink when it flips. Group options: <c>etaminus</c>, <c>etaplus</c>
/// (PyTorch's <c>etas</c>), <c>step_size_min</c>, <c>step_size_max</c> (<c>step_sizes</c>),
/// <c>maximize</c>. State: <c>step</c>, <c>prev</c>, <c>step_size</c>.
/// </summary>
public sealed class Rprop : Optimizer<Rprop.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The initial step size. Defaults to 0.01.</param>
    /// <param name="etaminus">Shrink factor when the gradient flips sign. Defaults to 0.5.</param>
    /// <param name="etaplus">Growth factor while it keeps its sign. Defaults to 1.2.</param>
    /// <param name="stepSizeMin">Smallest step size. Defaults to 1e-6.</param>
    /// <param name="stepSizeMax">Largest step size. Defaults to 50.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public Rprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double etaminus = 0.5, double etaplus = 1.2, double stepSizeMin = 1e-6, double stepSizeMax = 50, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, etaminus, etaplus, stepSizeMin, stepSizeMax, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public Rprop(IEnumerable<ParamGroup> groups, double lr = 1e-2, double etaminus = 0.5, double etaplus = 1.2, double stepSizeMin = 1e-6, double stepSizeMax = 50, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["etaminus"] = etaminus,
            ["etaplus"] = etaplus,
            ["step_size_min"] = stepSizeMin,
            ["step_size_max"] = stepSizeMax,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            var minus = group.Option("etaminus");
            var plus = group.Option("etaplus");
            if (!(minus > 0 && minus < 1 && plus > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), $"Invalid eta values: {minus}, {plus}; they must satisfy 0 < etaminus < 1 < etaplus.");
            }
        }
    }


    /// <inheritdoc />
    public override void Step() => StepEachParameter("Rprop", Options.Of, static (p, s, group) =>
    {
        s.Prev = ZerosLike(p);
        s.StepSize = FullLike(p, group.LearningRate);
    }, Update);

    // torch/optim/rprop.py, _single_tensor_rprop of PyTorch 1.13.
    private static void Update(Tensor param, Tensor grad, State s, double step, double lr, in Options o, GroupGradients factors)
    {
        var (prev, stepSize) = (s.Prev, s.StepSize);
        var sign = grad.Mul(prev).Sign();

        // The same sequence of masked assignments as PyTorch (sign[sign.gt(0)] = etaplus, ...).
        sign.MaskedFill_(sign.Gt(0), o.Etaplus);
        sign.MaskedFill_(sign.Lt(0), o.Etaminus);
        sign.MaskedFill_(sign.Eq(0), 1);
        stepSize.Mul_(sign).Clamp_(o.StepSizeMin, o.StepSizeMax);
        grad = grad.Clone();
        grad.MaskedFill_(sign.Eq(o.Etaminus), 0);
        param.AddCMul_(grad.Sign(), stepSize, -1);
        prev.Copy_(grad);
    }

    /// <summary>Rprop's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>The previous step's gradient (<c>prev</c>).</summary>
        public Tensor Prev
        {
            get => GetTensor("prev");
            set => Set("prev", value);
        }

        /// <summary>Each element's current step size (<c>step_size</c>).</summary>
        public Tensor StepSize
        {
            get => GetTensor("step_size");
            set => Set("step_size", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Etaminus, double Etaplus, double StepSizeMin, double StepSizeMax, bool Maximize) : IGradientOptions
    {
        public double WeightDecay => 0;

        public static Options Of(ParamGroup g) =>
            new(g.Option("etaminus"), g.Option("etaplus"), g.Option("step_size_min"), g.Option("step_size_max"), g.Flag("maximize"));
    }
}
