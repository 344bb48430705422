using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adam with decoupled weight decay (<c>optim.AdamW</c>).</summary>
[Plugin("adamw")]
public sealed class AdamWOptimizer : IOptimizer<AdamWOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AdamWOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new AdamW(p, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize);
    }
}
