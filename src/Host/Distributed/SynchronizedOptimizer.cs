using Crucible.Torch;
using Crucible.Torch.Optim;

namespace Crucible.Host.Distributed;

/// <summary>
/// The optimizer a task with manual optimization (a GAN's two) steps under ddp, as Lightning's
/// <c>LightningOptimizer</c> wraps the optimizers of a manual <c>training_step</c>: before the optimizer
/// it wraps steps, the gradients of that optimizer's parameters are averaged across ranks, once per
/// step, so every rank takes the same step. A task that clips first
/// (<see cref="Abstractions.ITrainerContext.ClipGradients"/>) gets them averaged before clipping, as
/// automatic tasks do. The parameter groups are the wrapped optimizer's own (learning rates and
/// schedulers act on both); its state, and so the checkpoint, stays with the wrapped optimizer.
/// </summary>
internal sealed class SynchronizedOptimizer : Optimizer
{
    private readonly Optimizer inner;
    private readonly DataParallel parallel;
    private bool averaged;

    private SynchronizedOptimizer(Optimizer inner, DataParallel parallel)
        : base(inner.ParamGroups, inner.ParamGroups[0].LearningRate)
    {
        this.inner = inner;
        this.parallel = parallel;
    }

    /// <summary>The optimizer that steps.</summary>
    public Optimizer Inner => inner;

    /// <summary>Wraps <paramref name="optimizer"/>; its groups keep the learning rates they have now.</summary>
    public static SynchronizedOptimizer Wrap(Optimizer optimizer, DataParallel parallel)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(parallel);

        // The base constructor sets each group's rate from its request; a resumed or scheduled one must keep its own.
        var rates = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
        var wrapped = new SynchronizedOptimizer(optimizer, parallel);
        for (var i = 0; i < rates.Length; i++)
        {
            optimizer.ParamGroups[i].LearningRate = rates[i];
        }

        return wrapped;
    }

    /// <summary>Averages the gradients across ranks unless that happened since the last step or zeroing.</summary>
    public void AverageGradients()
    {
        if (!averaged)
        {
            parallel.AverageGradients(inner.ParamGroups.SelectMany(g => g.Parameters));
            averaged = true;
        }
    }

    public override void Step()
    {
        AverageGradients();
        inner.Step();
        averaged = false;
    }

    /// <summary>Every evaluation of the closure (L-BFGS evaluates several) is averaged before the wrapped optimizer uses it.</summary>
    public override Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var loss = inner.Step(() =>
        {
            var evaluated = closure();
            averaged = false;
            AverageGradients();
            return evaluated;
        });
        averaged = false;
        return loss;
    }

    public override void ZeroGrad(bool setToNone = true)
    {
        inner.ZeroGrad(setToNone);
        averaged = false;
    }
}
