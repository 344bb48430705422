using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Huber loss (<c>nn.HuberLoss</c>).</summary>
[Plugin("huber")]
public sealed class HuberLoss : ILossFunction<HuberLossOptions>
{
    /// <inheritdoc />
    public Loss Create(HuberLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new Nn.HuberLoss(o.Reduction, o.Delta);
    }
}
