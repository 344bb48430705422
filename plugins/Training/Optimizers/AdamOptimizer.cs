using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adam (<c>optim.Adam</c>).</summary>
[Plugin("adam")]
public sealed class AdamOptimizer : IOptimizer<AdamOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AdamOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new Adam(p, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize);
    }
}
