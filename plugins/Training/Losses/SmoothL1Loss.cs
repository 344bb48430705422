using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Smooth L1 loss (<c>nn.SmoothL1Loss</c>).</summary>
[Plugin("smooth-l1")]
public sealed class SmoothL1Loss : ILossFunction<SmoothL1LossOptions>
{
    /// <inheritdoc />
    public Loss Create(SmoothL1LossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new Nn.SmoothL1Loss(o.Reduction, o.Beta);
    }
}
