using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Resilient backpropagation (<c>optim.Rprop</c>).</summary>
[Plugin("rprop")]
public sealed class RpropOptimizer : IOptimizer<RpropOptions>
{
    /// <inheritdoc />
    public Optimizer Create(RpropOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        var p = context.Parameters.ToList();
        return new Rprop(p, o.Lr, o.EtaMinus, o.EtaPlus, o.StepSizeMin, o.StepSizeMax, o.Maximize);
    }
}
