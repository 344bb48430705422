using Crucible.Abstractions;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>
/// L-BFGS (<c>optim.LBFGS</c>), a quasi-Newton method that re-evaluates the loss several times per
/// step through the closure the trainer passes to every optimizer step. Best with full-batch training
/// (<c>training.batchSize</c> at least the training split) on small models.
/// </summary>
[Plugin("lbfgs")]
public sealed class LbfgsOptimizer : IOptimizer<LbfgsOptions>
{
    /// <inheritdoc />
    public Optimizer Create(LbfgsOptions options, OptimizerContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        return new LBFGS(context.Parameters.ToList(), o.Lr, o.MaxIter, o.MaxEval, o.ToleranceGrad, o.ToleranceChange, o.HistorySize, o.LineSearch);
    }
}
