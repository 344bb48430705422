using Crucible.Abstractions;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Mean squared error (<c>nn.MSELoss</c>), for regression and the course's sigmoid networks.</summary>
[Plugin("mse")]
public sealed class MseLoss : ILossFunction<MseLossOptions>
{
    /// <inheritdoc />
    public Loss Create(MseLossOptions options, LossContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        return new MSELoss(o.Reduction);
    }
}
