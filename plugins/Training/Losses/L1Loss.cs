using Crucible.Abstractions;
using Crucible.Torch.Nn;
using Nn = Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Mean absolute error (<c>nn.L1Loss</c>).</summary>
[Plugin("l1")]
public sealed class L1Loss : ILossFunction<L1LossOptions>
{
    /// <inheritdoc />
    public Loss Create(L1LossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new Nn.L1Loss(o.Reduction);
    }
}
