namespace Crucible.Torch.Optim;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>), with optional AMSGrad and L2 weight decay added to the gradient.
/// Group options: <c>beta1</c>, <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>amsgrad</c>,
/// <c>maximize</c>. State: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>.
/// </summary>
public sealed class Adam : Optimizer<Adam.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.001.</param>
    /// <param name="beta1">Decay of the running mean of gradients. Defaults to 0.9.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients. Defaults to 0.999.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-8.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="amsgrad">Use the AMSGrad variant. Defaults to false.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, AdamOptions.Defaults(beta1, beta2, eps, weightDecay, amsgrad, maximize))
    {
        AdamOptions.Validate(ParamGroups);
    }

    /// <inheritdoc />
    public override void Step() => AdamOptions.Step(this, decoupled: false);

    /// <summary>The state of Adam, AdamW, RAdam and SparseAdam for one parameter.</summary>
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

        /// <summary>Largest <see cref="ExpAvgSq"/> so far, with AMSGrad (<c>max_exp_avg_sq</c>); null without.</summary>
        public Tensor? MaxExpAvgSq
        {
            get => FindTensor("max_exp_avg_sq");
            set => Set("max_exp_avg_sq", value ?? throw new ArgumentNullException(nameof(value)));
        }
    }
}

/// <summary>What <see cref="Adam"/> and <see cref="AdamW"/> share: defaults, validation, the step.</summary>
internal static class AdamOptions
{
    public static Dictionary<string, double> Defaults(double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize) => new()
    {
        ["beta1"] = beta1,
        ["beta2"] = beta2,
        ["eps"] = eps,
        ["weight_decay"] = weightDecay,
        ["amsgrad"] = amsgrad ? 1 : 0,
        ["maximize"] = maximize ? 1 : 0,
    };

    public static void Validate(IReadOnlyList<ParamGroup> groups)
    {
        foreach (var group in groups)
        {
            Check(group, "eps", 0, double.MaxValue);
            Check(group, "beta1", 0, Math.BitDecrement(1.0));
            Check(group, "beta2", 0, Math.BitDecrement(1.0));
            Check(group, "weight_decay", 0, double.MaxValue);
        }
    }

    public static void Check(ParamGroup group, string key, double min, double max)
    {
        var value = group.Option(key);
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(key, value, $"Invalid {key} value: {value}; it must lie in [{min}, {(max == Math.BitDecrement(1.0) ? "1)" : max + "]")}.");
        }
    }

    public static void Step(Optimizer<Adam.State> optimizer, bool decoupled)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        foreach (var group in optimizer.ParamGroups)
        {
            var g = group.Gradients.Read();
            if (g.Count == 0)
            {
                continue;
            }

            g.RequireDense(decoupled ? "AdamW" : "Adam");
            var o = group.Typed(Hyperparameters.Of);
            var lr = group.LearningRate;
            var ps = g.Parameters;
            var grads = g.Grads;
            var n = ps.Count;
            var expAvgs = new Tensor[n];
            var expAvgSqs = new Tensor[n];
            var maxExpAvgSqs = o.Amsgrad ? new Tensor[n] : null;
            var stepSizes = new double[n];
            var biasCorrection2Sqrt = new double[n];
            for (var i = 0; i < n; i++)
            {
                var s = optimizer.StateOf(ps[i]);
                if (s.IsEmpty)
                {
                    s.Step = 0;
                    s.ExpAvg = Optimizer.ZerosLike(ps[i]);
                    s.ExpAvgSq = Optimizer.ZerosLike(ps[i]);
                    if (o.Amsgrad)
                    {
                        s.MaxExpAvgSq = Optimizer.ZerosLike(ps[i]);
                    }
                }

                var step = s.Step += 1;
                expAvgs[i] = s.ExpAvg;
                expAvgSqs[i] = s.ExpAvgSq;
                if (maxExpAvgSqs is not null)
                {
                    maxExpAvgSqs[i] = s.MaxExpAvgSq!;
                }

                stepSizes[i] = -(lr / (1 - Math.Pow(o.Beta1, step)));
                biasCorrection2Sqrt[i] = Math.Sqrt(1 - Math.Pow(o.Beta2, step));
            }

            // torch/optim/adam.py and adamw.py, _multi_tensor_adam(w) of PyTorch 1.13.
            if (o.Maximize)
            {
                grads = torch.ForeachNeg(grads);
            }

            if (decoupled)
            {
                torch.ForeachMul_(ps, 1 - (lr * o.WeightDecay));
            }
            else if (o.WeightDecay != 0)
            {
                grads = torch.ForeachAdd(grads, ps, o.WeightDecay);
            }

            g.Mul_(expAvgs, o.Beta1);
            torch.ForeachAdd_(expAvgs, grads, 1 - o.Beta1);
            g.Mul_(expAvgSqs, o.Beta2);
            torch.ForeachAddCMul_(expAvgSqs, grads, grads, 1 - o.Beta2);

            var second = expAvgSqs;
            if (maxExpAvgSqs is not null)
            {
                for (var i = 0; i < n; i++)
                {
                    maxExpAvgSqs[i].Maximum_(expAvgSqs[i]);
                }

                second = maxExpAvgSqs;
            }

            var denom = torch.ForeachSqrt(second);
            torch.ForeachDiv_(denom, biasCorrection2Sqrt);
            g.Add_(denom, o.Eps);
            torch.ForeachAddCDiv_(ps, expAvgs, denom, stepSizes);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Hyperparameters(double Beta1, double Beta2, double Eps, double WeightDecay, bool Amsgrad, bool Maximize)
    {
        public static Hyperparameters Of(ParamGroup g) =>
            new(g.Option("beta1"), g.Option("beta2"), g.Option("eps"), g.Option("weight_decay"), g.Flag("amsgrad"), g.Flag("maximize"));
    }
}
