using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Kullback-Leibler divergence (<c>nn.KLDivLoss</c>) of log-probabilities from target probabilities.</summary>
[Plugin("kl-div")]
public sealed class KlDivLoss : ILossFunction<KlDivLossOptions>
{
    /// <inheritdoc />
    public Loss Create(KlDivLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new KLDivLoss(o.Reduction, o.LogTarget, o.BatchMean);
    }
}
