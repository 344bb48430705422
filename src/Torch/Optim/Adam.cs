using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>), with optional AMSGrad and L2 weight decay added to the gradient.
/// Group options: <c>beta1</c>, <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>amsgrad</c>,
/// <c>maximize</c>. State: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>.
/// </summary>
public sealed class Adam : Optimizer
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

    public static unsafe void Step(Optimizer optimizer, bool decoupled)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            var ps = Optimizer.ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var amsgrad = group.Flag("amsgrad");
            var steps = new double[ps.Count];
            var expAvg = new List<Tensor?>(ps.Count);
            var expAvgSq = new List<Tensor?>(ps.Count);
            var maxExpAvgSq = new List<Tensor?>(ps.Count);
            for (var i = 0; i < ps.Count; i++)
            {
                var s = optimizer.State(ps[i]);
                if (s.IsEmpty)
                {
                    s.Values["step"] = 0;
                    s.Set("exp_avg", Optimizer.ZerosLike(ps[i]));
                    s.Set("exp_avg_sq", Optimizer.ZerosLike(ps[i]));
                    if (amsgrad)
                    {
                        s.Set("max_exp_avg_sq", Optimizer.ZerosLike(ps[i]));
                    }
                }

                steps[i] = s.Values["step"] += 1;
                expAvg.Add(s.Tensors["exp_avg"]);
                expAvgSq.Add(s.Tensors["exp_avg_sq"]);
                maxExpAvgSq.Add(amsgrad ? s.Tensors["max_exp_avg_sq"] : null);
            }

            using var p = new TensorRefs(ps);
            using var a = new TensorRefs(expAvg);
            using var b = new TensorRefs(expAvgSq);
            using var c = new TensorRefs(maxExpAvgSq);
            fixed (IntPtr* pp = p.Pointers, pa = a.Pointers, pb = b.Pointers, pc = c.Pointers)
            fixed (double* ps2 = steps)
            {
                var lr = group.LearningRate;
                var status = decoupled
                    ? NativeMethods.crc_optim_adamw_step(pp, pa, pb, pc, ps2, ps.Count, lr, group.Option("beta1"), group.Option("beta2"), group.Option("eps"), group.Option("weight_decay"), amsgrad ? 1 : 0, group.Flag("maximize") ? 1 : 0)
                    : NativeMethods.crc_optim_adam_step(pp, pa, pb, pc, ps2, ps.Count, lr, group.Option("beta1"), group.Option("beta2"), group.Option("eps"), group.Option("weight_decay"), amsgrad ? 1 : 0, group.Flag("maximize") ? 1 : 0);
                NativeMethods.Check(status);
            }
        }
    }
}
