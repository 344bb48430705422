using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Adam with Nesterov momentum (<c>torch.optim.NAdam</c>). Group options: <c>beta1</c>,
/// <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum_decay</c>. State: <c>step</c>,
/// <c>mu_product</c> (a float32 scalar, as in PyTorch), <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// PyTorch 1.13's NAdam has no <c>maximize</c> or decoupled weight decay; neither has this one.
/// </summary>
public sealed class NAdam : Optimizer
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
    public override unsafe void Step()
    {
        foreach (var group in ParamGroups)
        {
            var ps = ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var steps = AdvanceSteps(ps, ["exp_avg", "exp_avg_sq"], (_, s) => s.Set("mu_product", ScalarFloat(1.0)));

            using var p = new TensorRefs(ps);
            using var a = new TensorRefs(Slots(ps, "exp_avg"));
            using var b = new TensorRefs(Slots(ps, "exp_avg_sq"));
            using var m = new TensorRefs(Slots(ps, "mu_product"));
            fixed (IntPtr* pp = p.Pointers, pa = a.Pointers, pb = b.Pointers, pm = m.Pointers)
            fixed (double* st = steps)
            {
                NativeMethods.Check(NativeMethods.crc_optim_nadam_step(pp, pa, pb, pm, st, ps.Count, group.LearningRate, group.Option("beta1"),
                    group.Option("beta2"), group.Option("eps"), group.Option("weight_decay"), group.Option("momentum_decay")));
            }
        }
    }
}
