using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Adagrad (<c>torch.optim.Adagrad</c>): per-element learning rates scaled by the accumulated squared
/// gradients; also takes sparse gradients (without weight decay). Group options: <c>lr_decay</c>,
/// <c>weight_decay</c>, <c>initial_accumulator_value</c>, <c>eps</c>, <c>maximize</c>. State:
/// <c>step</c>, <c>sum</c> (created for every parameter up front, as PyTorch does; like PyTorch 1.13,
/// the constructor's <c>initialAccumulatorValue</c> fills them, not a group's own value).
/// </summary>
public sealed class Adagrad : Optimizer
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
                var s = State(p);
                s.Values["step"] = 0;
                // PyTorch 1.13 fills every sum with the constructor's value, whatever a group says.
                s.Set("sum", FullLike(p, initialAccumulatorValue));
            }
        }
    }

    /// <inheritdoc />
    public override unsafe void Step()
    {
        foreach (var group in ParamGroups)
        {
            var ps = ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var steps = ps.Select(p => State(p).Values["step"] += 1).ToArray();
            using var p = new TensorRefs(ps);
            using var sums = new TensorRefs(Slots(ps, "sum"));
            fixed (IntPtr* pp = p.Pointers, ps2 = sums.Pointers)
            fixed (double* st = steps)
            {
                NativeMethods.Check(NativeMethods.crc_optim_adagrad_step(pp, ps2, st, ps.Count, group.LearningRate, group.Option("weight_decay"),
                    group.Option("lr_decay"), group.Option("eps"), group.Flag("maximize") ? 1 : 0));
            }
        }
    }
}
