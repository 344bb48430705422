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
        var o = options;
        return new NLLLoss(null, o.IgnoreIndex, o.Reduction);
    }
}
