using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Cross-entropy between raw class scores (logits) and targets (<c>torch.nn.CrossEntropyLoss</c>):
/// a log-softmax over the class dimension followed by the negative log-likelihood. The input is
/// <c>(C)</c>, <c>(N, C)</c> or <c>(N, C, d1, ...)</c>. The target is either class indices (int64,
/// the input's shape without the class dimension) or class probabilities (the input's shape and type).
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    private readonly Tensor? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">One weight per class, or null for equal weights.</param>
    /// <param name="ignoreIndex">A class index whose targets contribute nothing (only for index targets). Defaults to -100.</param>
    /// <param name="reduction">How per-sample losses are reduced; with class weights the mean is weighted.</param>
    /// <param name="labelSmoothing">In [0, 1]: how much target mass is spread uniformly over the classes. Defaults to 0.</param>
    public CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
        : base(reduction)
    {
        if (labelSmoothing is < 0.0 or > 1.0 || double.IsNaN(labelSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must lie in [0, 1].");
        }

        this.weight = weight?.Detach().DetachFromDisposeScope();
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The class index whose targets are ignored.</summary>
    public long IgnoreIndex { get; }

    /// <summary>How much target mass is spread uniformly over the classes.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (target.DType.IsFloatingPoint())
        {
            var inputShape = input.Shape;
            var targetShape = target.Shape;
            if (!inputShape.AsSpan().SequenceEqual(targetShape))
            {
                var indexShape = inputShape.Length == 0 ? inputShape : ExpectedIndexShape(inputShape);
                throw new ArgumentException(
                    $"{Name}: target is {target.DType.ToPyTorchName()} with shape {Format(targetShape)} for input of shape {Format(inputShape)}. "
                    + $"Class indices must be int64 with shape {Format(indexShape)} (convert with To(ScalarType.Int64)); class probabilities must have the input's shape {Format(inputShape)}.",
                    nameof(target));
            }

            RequireFloatLike(input, target);
        }
        else
        {
            RequireClassIndices(input, target);
        }

        using var refs = TensorRefs.Of(weight);
        return new Tensor(NativeMethods.crc_loss_cross_entropy(input.Handle, target.Handle, refs.Pointers[0], ReductionCode, IgnoreIndex, LabelSmoothing));
    }
}
