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
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        return new BCEWithLogitsLoss(
            LossWeights.Create(o.Weight, context.Dataset.OutputSize, "model output", "weight", "bce-with-logits", context),
            o.Reduction,
            LossWeights.Create(o.PosWeight, context.Dataset.OutputSize, "model output", "posWeight", "bce-with-logits", context));
    }
}
