using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Averaged SGD (<c>optim.ASGD</c>).</summary>
[Plugin("asgd")]
public sealed class AsgdOptimizer : IOptimizer<AsgdOptions>
{
    /// <inheritdoc />
    public Optimizer Create(AsgdOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new ASGD(p, o.Lr, o.Lambd, o.Alpha, o.T0, o.WeightDecay, o.Maximize);
    }
}
