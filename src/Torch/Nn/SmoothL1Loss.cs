using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Squared error below <see cref="Beta"/>, absolute error above it (<c>torch.nn.SmoothL1Loss</c>):
/// <c>0.5 x² / beta</c> if <c>|x| &lt; beta</c>, else <c>|x| - 0.5 beta</c>.
/// </summary>
public sealed class SmoothL1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="beta">Where the loss turns from quadratic to linear; 0 gives <see cref="L1Loss"/>. Defaults to 1.</param>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0)
        : base(reduction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beta);
        Beta = beta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        return new Tensor(NativeMethods.crc_loss_smooth_l1(input.Handle, target.Handle, ReductionCode, Beta));
    }
}
