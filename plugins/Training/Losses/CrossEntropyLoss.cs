using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Cross-entropy on class logits (<c>nn.CrossEntropyLoss</c>), for multi-class classification.</summary>
[Plugin("cross-entropy")]
public sealed class CrossEntropyLoss : ILossFunction<CrossEntropyLossOptions>
{
    /// <inheritdoc />
    public Loss Create(CrossEntropyLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        return new Nn.CrossEntropyLoss(LossWeights.Create(o.Weight, context.Dataset.NumClasses, "class", "weight", "cross-entropy", context), o.IgnoreIndex, o.Reduction, o.LabelSmoothing);
    }
}
