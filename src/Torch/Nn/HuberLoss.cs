using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Squared error below <see cref="Delta"/>, delta-scaled absolute error above it (<c>torch.nn.HuberLoss</c>):
/// <c>0.5 x²</c> if <c>|x| &lt; delta</c>, else <c>delta (|x| - 0.5 delta)</c>.
/// </summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; must be positive. Defaults to 1.</param>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0)
        : base(reduction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delta);
        Delta = delta;
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        return new Tensor(NativeMethods.crc_loss_huber(input.Handle, target.Handle, ReductionCode, Delta));
    }
}
