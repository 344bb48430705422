using Crucible.Torch.Interop;

namespace Crucible.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
/// decay (<c>torch.optim.SGD</c>). Group options: <c>momentum</c>, <c>dampening</c>,
/// <c>weight_decay</c>, <c>nesterov</c>, <c>maximize</c>. State: <c>momentum_buffer</c>.
/// </summary>
public sealed class SGD : Optimizer
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
            var fresh = new int[ps.Count];
            var buffers = new List<Tensor?>(ps.Count);
            for (var i = 0; i < ps.Count; i++)
            {
                if (momentum == 0)
                {
                    buffers.Add(null);
                    continue;
                }

                var s = State(ps[i]);
                if (!s.Tensors.TryGetValue("momentum_buffer", out var buffer))
                {
                    buffer = s.Set("momentum_buffer", ZerosLike(ps[i]));
                    fresh[i] = 1;
                }

                buffers.Add(buffer);
            }

            using var p = new TensorRefs(ps);
            using var b = new TensorRefs(buffers);
            fixed (IntPtr* pp = p.Pointers, pb = b.Pointers)
            fixed (int* pf = fresh)
            {
                NativeMethods.Check(NativeMethods.crc_optim_sgd_step(
                    pp, pb, pf, ps.Count, group.LearningRate, momentum, group.Option("dampening"), group.Option("weight_decay"),
                    group.Flag("nesterov") ? 1 : 0, group.Flag("maximize") ? 1 : 0));
            }
        }
    }
}
