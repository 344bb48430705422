using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adam with Nesterov momentum (<c>optim.NAdam</c>).</summary>
[Plugin("nadam")]
public sealed class NAdamOptimizer : IOptimizer<NAdamOptions>
{
    /// <inheritdoc />
    public Optimizer Create(NAdamOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new NAdam(p, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.MomentumDecay);
    }
}
