using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Binary cross-entropy between probabilities and binary targets (<c>torch.nn.BCELoss</c>):
/// <c>-w (t log p + (1 - t) log(1 - p))</c>. The input must already be probabilities (after a
/// sigmoid); <see cref="BCEWithLogitsLoss"/> is the numerically stable choice for raw scores.
/// </summary>
public sealed class BCELoss : Loss
{
    private readonly Tensor? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A rescaling weight broadcast over each element, or null. The loss keeps its own reference to the data.</param>
    /// <param name="reduction">How per-element losses are reduced.</param>
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        this.weight = weight?.Detach().DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        using var refs = TensorRefs.Of(weight);
        return new Tensor(NativeMethods.crc_loss_bce(input.Handle, target.Handle, refs.Pointers[0], ReductionCode));
    }
}
