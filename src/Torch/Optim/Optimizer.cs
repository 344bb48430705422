namespace Crucible.Torch.Optim;

/// <summary>
/// Base class of the optimizers (<c>torch.optim.Optimizer</c>). A subclass implements
/// <see cref="Step()"/>; zeroing gradients, parameter groups and learning rates are shared.
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    /// <summary>Creates the optimizer over the given parameter groups.</summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, double defaultLearningRate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ParamGroups = groups.ToList();
        if (ParamGroups.Count == 0)
        {
            throw new ArgumentException("An optimizer needs at least one parameter group.", nameof(groups));
        }

        foreach (var group in ParamGroups)
        {
            group.LearningRate = group.RequestedLearningRate ?? defaultLearningRate;
        }
    }

    /// <summary>The parameter groups, each with its own learning rate and options.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups { get; }

    /// <summary>Updates every parameter from its gradient (<c>optimizer.step()</c>).</summary>
    public abstract void Step();

    /// <summary>
    /// Clears the gradients of every parameter (<c>optimizer.zero_grad()</c>). With
    /// <paramref name="setToNone"/> (PyTorch 2's default) the gradients are released instead of zeroed.
    /// </summary>
    public virtual void ZeroGrad(bool setToNone = true)
    {
        foreach (var group in ParamGroups)
        {
            foreach (var p in group.Parameters)
            {
                if (setToNone)
                {
                    p.Grad = null;
                    continue;
                }

                using var g = p.Grad;
                if (g is not null)
                {
                    using var zero = torch.Zeros(g.Shape, g.DType, g.Device);
                    p.Grad = zero;
                }
            }
        }
    }

    /// <summary>Frees the optimizer's state tensors.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the optimizer's state tensors.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
