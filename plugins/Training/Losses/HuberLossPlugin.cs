using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Huber loss (<c>nn.HuberLoss</c>).</summary>
[Plugin("huber")]
public sealed class HuberLossPlugin : ILossFunction<HuberLossOptions>
{
    /// <inheritdoc />
    public Loss Create(HuberLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new HuberLoss(o.Reduction, o.Delta);
    }
}
