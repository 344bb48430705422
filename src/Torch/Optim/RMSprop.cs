using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// RMSprop (<c>torch.optim.RMSprop</c>), optionally centered and with momentum. Group options:
/// <c>alpha</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum</c>, <c>centered</c>, <c>maximize</c>.
/// State: <c>step</c>, <c>square_avg</c>, <c>momentum_buffer</c>, <c>grad_avg</c>.
/// </summary>
public sealed class RMSprop : Optimizer
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
    public override unsafe void Step()
    {
        foreach (var group in ParamGroups)
        {
            var ps = ParametersWithGrad(group);
            if (ps.Count == 0)
            {
                continue;
            }

            var momentum = group.Option("momentum");
            var centered = group.Flag("centered");
            foreach (var param in ps)
            {
                var s = State(param);
                if (s.IsEmpty)
                {
                    s.Values["step"] = 0;
                    s.Set("square_avg", ZerosLike(param));
                }

                // Created on first need, so a group whose options change later still finds its buffers.
                if (momentum > 0 && !s.Tensors.ContainsKey("momentum_buffer"))
                {
                    s.Set("momentum_buffer", ZerosLike(param));
                }

                if (centered && !s.Tensors.ContainsKey("grad_avg"))
                {
                    s.Set("grad_avg", ZerosLike(param));
                }

                s.Values["step"] += 1;
            }

            using var p = new TensorRefs(ps);
            using var sq = new TensorRefs(Slots(ps, "square_avg"));
            using var ga = new TensorRefs(centered ? Slots(ps, "grad_avg") : new Tensor?[ps.Count]);
            using var mb = new TensorRefs(momentum > 0 ? Slots(ps, "momentum_buffer") : new Tensor?[ps.Count]);
            fixed (IntPtr* pp = p.Pointers, psq = sq.Pointers, pga = ga.Pointers, pmb = mb.Pointers)
            {
                NativeMethods.Check(NativeMethods.crc_optim_rmsprop_step(pp, psq, pga, pmb, ps.Count, group.LearningRate, group.Option("alpha"),
                    group.Option("eps"), group.Option("weight_decay"), momentum, centered ? 1 : 0, group.Flag("maximize") ? 1 : 0));
            }
        }
    }
}
