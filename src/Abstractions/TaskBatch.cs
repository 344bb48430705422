using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>One batch of a split, on the training device (augmented when it is a training batch).</summary>
/// <param name="Features">The inputs, batch first.</param>
/// <param name="Targets">The targets, batch first (for unlabelled uses, whatever the dataset provides).</param>
public readonly record struct TaskBatch(Tensor Features, Tensor Targets)
{
    /// <summary>The number of samples in the batch.</summary>
    public long Size => Features.Shape[0];
}
