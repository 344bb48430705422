using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Binary cross-entropy on probabilities (<c>nn.BCELoss</c>); the model must end in a sigmoid.</summary>
[Plugin("bce")]
public sealed class BceLoss : ILossFunction<BceLossOptions>
{
    /// <inheritdoc />
    public Loss Create(BceLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        return new BCELoss(LossWeights.Create(o.Weight, context.Dataset.OutputSize, "model output", "weight", "bce", context), o.Reduction);
    }
}
