using Crucible.Torch;

namespace Crucible.Abstractions;

/// <summary>
/// An on-the-fly transform of a training batch's features (random crop, flip, noise), applied on the
/// training device to training batches only. Randomness must come from libtorch's generator so the
/// experiment's seed makes it reproducible.
/// </summary>
public interface IBatchTransform
{
    /// <summary>Returns the transformed batch; <paramref name="features"/> is <c>[B, ...FeatureShape]</c> and stays owned by the caller.</summary>
    Tensor Apply(Tensor features);
}
