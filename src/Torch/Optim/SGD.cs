namespace Crucible.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
/// decay (<c>torch.optim.SGD</c>). Group options: <c>momentum</c>, <c>dampening</c>,
/// <c>weight_decay</c>, <c>nesterov</c>, <c>maximize</c>. State: <c>momentum_buffer</c>.
/// </summary>
public sealed class SGD : Optimizer<SGD.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="momentum">Momentum factor. Defaults to 0.</param>
    /// <param name="dampening">Dampening of the momentum. Defaults to 0.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum and no dampening). Defaults to false.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["momentum"] = momentum,
            ["dampening"] = dampening,
            ["weight_decay"] = weightDecay,
            ["nesterov"] = nesterov ? 1 : 0,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "momentum", 0, double.MaxValue);
            RequireRange(group, "weight_decay", 0, double.MaxValue);
            if (group.Flag("nesterov") && (group.Option("momentum") <= 0 || group.Option("dampening") != 0))
            {
                throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(groups));
            }
        }
    }


    /// <inheritdoc />
    public override void Step()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        foreach (var group in ParamGroups)
        {
            var g = Gradients(group);
            if (g.Count == 0)
            {
                continue;
            }

            var o = group.Typed(Options.Of);
            var ps = g.Parameters;
            var grads = g.Grads;
            if (o.Maximize)
            {
                grads = torch.ForeachNeg(grads);
            }

            if (o.WeightDecay != 0)
            {
                grads = torch.ForeachAdd(grads, ps, o.WeightDecay);
            }

            if (o.Momentum != 0)
            {
                grads = Momentum(g, grads, o);
            }

            torch.ForeachAdd_(ps, grads, -group.LearningRate);
        }
    }

    // The momentum buffers updated with the gradients, or the gradients plus the buffers (Nesterov).
    private Tensor[] Momentum(GroupGradients g, IReadOnlyList<Tensor> grads, Options o)
    {
        var ps = g.Parameters;
        var buffers = new Tensor[ps.Count];
        bool[]? fresh = null;
        for (var i = 0; i < ps.Count; i++)
        {
            var s = StateOf(ps[i]);
            var buffer = s.MomentumBuffer;
            if (buffer is null)
            {
                // PyTorch's torch.clone(grad).detach(): the first buffer is the gradient itself.
                buffer = s.MomentumBuffer = grads[i].Clone();
                fresh ??= new bool[ps.Count];
                fresh[i] = true;
            }

            buffers[i] = buffer;
        }

        if (fresh is null)
        {
            g.Mul_(buffers, o.Momentum);
            torch.ForeachAdd_(buffers, grads, 1 - o.Dampening);
        }
        else
        {
            for (var i = 0; i < ps.Count; i++)
            {
                if (!fresh[i])
                {
                    buffers[i].Mul_(o.Momentum).Add_(grads[i], 1 - o.Dampening);
                }
            }
        }

        if (!o.Nesterov)
        {
            return buffers;
        }

        var result = new Tensor[ps.Count];
        for (var i = 0; i < ps.Count; i++)
        {
            result[i] = grads[i].Add(buffers[i], o.Momentum);
        }

        return result;
    }

    /// <summary>SGD's state for one parameter.</summary>
    public sealed class State : ParameterState
    {
        /// <summary>The momentum buffer (<c>momentum_buffer</c>); null before the first step with momentum.</summary>
        public Tensor? MomentumBuffer
        {
            get => FindTensor("momentum_buffer");
            set => Set("momentum_buffer", value ?? throw new ArgumentNullException(nameof(value)));
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double Momentum, double Dampening, double WeightDecay, bool Nesterov, bool Maximize)
    {
        public static Options Of(ParamGroup g) =>
            new(g.Option("momentum"), g.Option("dampening"), g.Option("weight_decay"), g.Flag("nesterov"), g.Flag("maximize"));
    }
}
