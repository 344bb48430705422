using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Negative log-likelihood on log-probabilities (<c>nn.NLLLoss</c>); the model must end in log-softmax.</summary>
[Plugin("nll")]
public sealed class NllLoss : ILossFunction<NllLossOptions>
{
    /// <inheritdoc />
    public Loss Create(NllLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var o = options;
        return new NLLLoss(LossWeights.Create(o.Weight, context.Dataset.NumClasses, "class", "weight", "nll", context), o.IgnoreIndex, o.Reduction);
    }
}
