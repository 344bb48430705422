using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adagrad (<c>optim.Adagrad</c>).</summary>
[Plugin("adagrad")]
public sealed class AdagradOptimizer : IOptimizer<AdagradOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AdagradOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new Adagrad(p, o.Lr, o.LrDecay, o.WeightDecay, o.InitialAccumulatorValue, o.Eps, o.Maximize);
    }
}
