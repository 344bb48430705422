using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>RMSprop (<c>optim.RMSprop</c>).</summary>
[Plugin("rmsprop")]
public sealed class RmsPropOptimizer : IOptimizer<RmsPropOptions>
{
    /// <inheritdoc />
    public Optimizer Create(RmsPropOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new RMSprop(p, o.Lr, o.Alpha, o.Eps, o.WeightDecay, o.Momentum, o.Centered, o.Maximize);
    }
}
