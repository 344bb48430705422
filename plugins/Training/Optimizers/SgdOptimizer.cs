using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Stochastic gradient descent with optional momentum and Nesterov (<c>optim.SGD</c>).</summary>
[Plugin("sgd")]
public sealed class SgdOptimizer : IOptimizer<SgdOptions>
{
    /// <inheritdoc />
    public Optimizer Create(SgdOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new SGD(p, o.Lr, o.Momentum, o.Dampening, o.WeightDecay, o.Nesterov, o.Maximize);
    }
}
