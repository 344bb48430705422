using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>Mean absolute error, <c>|input - target|</c> per element (<c>torch.nn.L1Loss</c>).</summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    public L1Loss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        return new Tensor(NativeMethods.crc_loss_l1(input.Handle, target.Handle, ReductionCode));
    }
}
