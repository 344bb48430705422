using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Rectified Adam (<c>optim.RAdam</c>).</summary>
[Plugin("radam")]
public sealed class RAdamOptimizer : IOptimizer<RAdamOptions>
{
    /// <inheritdoc />
    public Optimizer Create(RAdamOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new RAdam(p, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
    }
}
