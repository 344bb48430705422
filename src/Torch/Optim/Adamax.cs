using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Adamax, Adam with the infinity norm (<c>torch.optim.Adamax</c>). Group options: <c>beta1</c>,
/// <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>maximize</c>. State: <c>step</c>,
/// <c>exp_avg</c>, <c>exp_inf</c>.
/// </summary>
public sealed class Adamax : Optimizer
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
    public override unsafe void Step()
    {
        foreach (var group in ParamGroups)
        {
            var ps = ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var steps = AdvanceSteps(ps, ["exp_avg", "exp_inf"]);

            using var p = new TensorRefs(ps);
            using var a = new TensorRefs(Slots(ps, "exp_avg"));
            using var b = new TensorRefs(Slots(ps, "exp_inf"));
            fixed (IntPtr* pp = p.Pointers, pa = a.Pointers, pb = b.Pointers)
            fixed (double* st = steps)
            {
                NativeMethods.Check(NativeMethods.crc_optim_adamax_step(pp, pa, pb, st, ps.Count, group.LearningRate, group.Option("beta1"),
                    group.Option("beta2"), group.Option("eps"), group.Option("weight_decay"), group.Flag("maximize") ? 1 : 0));
            }
        }
    }
}
