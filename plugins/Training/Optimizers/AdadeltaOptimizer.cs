using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Adadelta (<c>optim.Adadelta</c>).</summary>
[Plugin("adadelta")]
public sealed class AdadeltaOptimizer : IOptimizer<AdadeltaOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AdadeltaOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new Adadelta(p, o.Lr, o.Rho, o.Eps, o.WeightDecay, o.Maximize);
    }
}
