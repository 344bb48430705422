using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// A sigmoid followed by binary cross-entropy, computed stably in one step
/// (<c>torch.nn.BCEWithLogitsLoss</c>). <c>posWeight</c> weighs the positive examples of each class
/// (the last dimension), e.g. <c>negatives / positives</c> to balance a rare class.
/// </summary>
public sealed class BCEWithLogitsLoss : Loss
{
    private readonly Tensor? weight;
    private readonly Tensor? posWeight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A rescaling weight broadcast over each element, or null.</param>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="posWeight">The weight of positive examples, one per class (broadcast over the last dimension), or null.</param>
    public BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
        : base(reduction)
    {
        this.weight = weight?.Detach().DetachFromDisposeScope();
        this.posWeight = posWeight?.Detach().DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        using var refs = TensorRefs.Of(weight, posWeight);
        return new Tensor(NativeMethods.crc_loss_bce_with_logits(input.Handle, target.Handle, refs.Pointers[0], refs.Pointers[1], ReductionCode));
    }
}
