using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>
/// One split of a dataset held as two tensors whose first dimension is the sample index. The split
/// owns its tensors: disposing it frees them.
/// </summary>
public sealed class DataSplit : IDisposable
{
    /// <summary>Wraps features and targets that have the same number of samples.</summary>
    /// <param name="features">Inputs, <c>[N, ...FeatureShape]</c>.</param>
    /// <param name="targets">Targets, <c>[N]</c> (class indices) or <c>[N, outputs]</c>.</param>
    public DataSplit(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        var n = features.Shape[0];
        if (targets.Shape[0] != n)
        {
            throw new ArgumentException(
                $"Features have {n} samples but targets have {targets.Shape[0]}.", nameof(targets));
        }

        Features = features;
        Targets = targets;
        Count = n;
    }

    /// <summary>Inputs, <c>[N, ...FeatureShape]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>Targets, <c>[N]</c> or <c>[N, outputs]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>The number of samples, N.</summary>
    public long Count { get; }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Targets.Dispose();
    }
}
