namespace Crucible.Torch.Optim;

/// <summary>
/// Base class of the learning-rate schedulers (<c>torch.optim.lr_scheduler</c>). Each
/// <see cref="Step()"/> advances one epoch (or one batch, for per-step schedules) and writes the new
/// learning rates into the optimizer's parameter groups.
/// </summary>
public abstract class LRScheduler
{
    /// <summary>Attaches the scheduler to an optimizer.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var group in optimizer.ParamGroups)
        {
            group.InitialLearningRate ??= group.LearningRate;
        }
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Number of steps taken (<c>last_epoch</c>).</summary>
    public int LastEpoch { get; protected set; }

    /// <summary>Advances the schedule by one step.</summary>
    public abstract void Step();

    /// <summary>The learning rate of each group after the last step (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => Optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
}
