using Crucible.Torch.Optim;

namespace Crucible.Abstractions;

/// <summary>What a scheduler plugin gets besides its options.</summary>
public sealed class SchedulerContext : PluginContext
{
    /// <summary>The optimizer whose learning rates the scheduler sets.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>The number of epochs the run trains for (<c>training.epochs</c>).</summary>
    public required int Epochs { get; init; }

    /// <summary>The number of optimizer steps per epoch, for per-batch schedules (OneCycleLR's total steps).</summary>
    public required int StepsPerEpoch { get; init; }
}
