namespace Crucible.Torch.Optim;

/// <summary>
/// Adagrad (<c>torch.optim.Adagrad</c>): per-element learning rates scaled by the accumulated squared
/// gradients; also takes sparse gradients (without weight decay). Group options: <c>lr_decay</c>,
/// <c>weight_decay</c>, <c>initial_accumulator_value</c>, <c>eps</c>, <c>maximize</c>. State:
/// <c>step</c>, <c>sum</c> (created for every parameter up front, as PyTorch does; like PyTorch 1.13,
/// the constructor's <c>initialAccumulatorValue</c> fills them, not a group's own value).
/// </summary>
public sealed class Adagrad : Optimizer<Adagrad.State>
{
    /// <summary>Creates the optimizer over one group of parameters.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="lr">The learning rate. Defaults to 0.01.</param>
    /// <param name="lrDecay">Learning-rate decay per step. Defaults to 0.</param>
    /// <param name="weightDecay">L2 penalty. Defaults to 0.</param>
    /// <param name="initialAccumulatorValue">Starting value of the sums of squares. Defaults to 0.</param>
    /// <param name="eps">Added to the denominator for stability. Defaults to 1e-10.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing. Defaults to false.</param>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups; the arguments are the defaults of groups that do not set them.</summary>
    public Adagrad(IEnumerable<ParamGroup> groups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(groups, lr, new Dictionary<string, double>
        {
            ["lr_decay"] = lrDecay,
            ["weight_decay"] = weightDecay,
            ["initial_accumulator_value"] = initialAccumulatorValue,
            ["eps"] = eps,
            ["maximize"] = maximize ? 1 : 0,
        })
    {
        foreach (var group in ParamGroups)
        {
            RequireRange(group, "lr_decay", 0, double.MaxValue);
            RequireRange(group, "weight_decay", 0, double.MaxValue);
            RequireRange(group, "initial_accumulator_value", 0, double.MaxValue);
            RequireRange(group, "eps", 0, double.MaxValue);
            foreach (var p in group.Parameters)
            {
                var s = StateOf(p);
                s.Step = 0;
                // PyTorch 1.13 fills every sum with the constructor's value, whatever a group says.
                s.Sum = FullLike(p, initialAccumulatorValue);
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
            var o = group.Typed(Options.Of);
            var g = Gradients(group);
            for (var i = 0; i < g.Count; i++)
            {
                var param = g.Parameters[i];
                var s = StateOf(param);
                var step = s.Step += 1;
                var stateSum = s.Sum;
                var grad = g.Grads[i];
                if (o.Maximize)
                {
                    grad = grad.Neg();
                }

                if (o.WeightDecay != 0)
                {
                    if (grad.IsSparse)
                    {
                        throw new TorchException("weight_decay option is not compatible with sparse gradients");
                    }

                    grad = grad.Add(param, o.WeightDecay);
                }

                var clr = group.LearningRate / (1 + ((step - 1) * o.LrDecay));
                if (grad.IsSparse)
                {
                    grad = grad.Coalesce();
                    var indices = grad.Indices();
                    var values = grad.Values();
                    var size = grad.Shape;
                    stateSum.Add_(torch.SparseCooTensor(indices, values.Pow(2), size));
                    var std = stateSum.SparseMask(grad);
                    var stdValues = std.Values().Sqrt_().Add_(o.Eps);
                    param.Add_(torch.SparseCooTensor(indices, values / stdValues, size), -clr);
                }
                else
                {
                    stateSum.AddCMul_(grad, grad, 1);
                    var std = stateSum.Sqrt().Add_(o.Eps);
                    param.AddCDiv_(grad, std, -clr);
                }
            }
        }
    }

    /// <summary>Adagrad's state for one parameter.</summary>
    public sealed class State : SteppedParameterState
    {
        /// <summary>Sum of the squared gradients so far (<c>sum</c>).</summary>
        public Tensor Sum
        {
            get => GetTensor("sum");
            set => Set("sum", value);
        }
    }

    /// <summary>A group's hyperparameters, typed.</summary>
    private readonly record struct Options(double LrDecay, double WeightDecay, double Eps, bool Maximize)
    {
        public static Options Of(ParamGroup g) => new(g.Option("lr_decay"), g.Option("weight_decay"), g.Option("eps"), g.Flag("maximize"));
    }
}
