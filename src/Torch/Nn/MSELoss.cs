using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>Mean squared error, <c>(input - target)²</c> per element (<c>torch.nn.MSELoss</c>).</summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    public MSELoss(Reduction reduction = Reduction.Mean)
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
        return new Tensor(NativeMethods.crc_loss_mse(input.Handle, target.Handle, ReductionCode));
    }
}
