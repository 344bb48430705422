using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adamax, Adam with the infinity norm (<c>optim.Adamax</c>).</summary>
[Plugin("adamax")]
public sealed class AdamaxOptimizer : IOptimizer<AdamaxOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AdamaxOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new Adamax(p, o.Lr, o.Beta1, o.Beta2, o.Eps, o.WeightDecay, o.Maximize);
    }
}
