using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Averaged stochastic gradient descent (<c>torch.optim.ASGD</c>). Group options: <c>lambd</c>,
/// <c>alpha</c>, <c>t0</c>, <c>weight_decay</c>, <c>maximize</c>. State: <c>step</c>, <c>eta</c>,
/// <c>mu</c> (float32 scalars, as in PyTorch), <c>ax</c> (the running average of the parameter).
/// </summary>
public sealed class ASGD : Optimizer
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
    public override unsafe void Step()
    {
        foreach (var group in ParamGroups)
        {
            var ps = ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var steps = AdvanceSteps(ps, ["ax"], (_, s) =>
            {
                s.Set("eta", ScalarFloat(group.LearningRate));
                s.Set("mu", ScalarFloat(1.0));
            });

            using var p = new TensorRefs(ps);
            using var ax = new TensorRefs(Slots(ps, "ax"));
            using var eta = new TensorRefs(Slots(ps, "eta"));
            using var mu = new TensorRefs(Slots(ps, "mu"));
            fixed (IntPtr* pp = p.Pointers, pa = ax.Pointers, pe = eta.Pointers, pm = mu.Pointers)
            fixed (double* st = steps)
            {
                NativeMethods.Check(NativeMethods.crc_optim_asgd_step(pp, pa, pe, pm, st, ps.Count, group.LearningRate, group.Option("lambd"),
                    group.Option("alpha"), group.Option("t0"), group.Option("weight_decay"), group.Flag("maximize") ? 1 : 0));
            }
        }
    }
}
