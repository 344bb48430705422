using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Mean absolute error (<c>nn.L1Loss</c>).</summary>
[Plugin("l1")]
public sealed class MaeLoss : ILossFunction<L1LossOptions>
{
    /// <inheritdoc />
    public Loss Create(L1LossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new L1Loss(o.Reduction);
    }
}
