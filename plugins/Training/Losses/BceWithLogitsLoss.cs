using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Binary cross-entropy on logits (<c>nn.BCEWithLogitsLoss</c>), for a single-output binary model.</summary>
[Plugin("bce-with-logits")]
public sealed class BceWithLogitsLoss : ILossFunction<BceWithLogitsLossOptions>
{
    /// <inheritdoc />
    public Loss Create(BceWithLogitsLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new BCEWithLogitsLoss(null, o.Reduction);
    }
}
