using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Whether two inputs are similar (target 1) or dissimilar (target -1), measured by cosine
/// similarity (<c>torch.nn.CosineEmbeddingLoss</c>): <c>1 - cos(x1, x2)</c> for target 1,
/// <c>max(0, cos(x1, x2) - margin)</c> for target -1. Inputs are <c>(N, D)</c> or <c>(D)</c>; the
/// target is <c>(N)</c> or a scalar. It compares two inputs, so call
/// <see cref="Forward(Tensor, Tensor, Tensor)"/>.
/// </summary>
public sealed class CosineEmbeddingLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">In [-1, 1]; 0 to 0.5 is suggested. Defaults to 0.</param>
    /// <param name="reduction">How per-sample losses are reduced.</param>
    public CosineEmbeddingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Margin = margin;
    }

    /// <summary>The margin for dissimilar pairs.</summary>
    public double Margin { get; }

    /// <summary>Not defined for a pair loss: throws, naming <see cref="Forward(Tensor, Tensor, Tensor)"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) =>
        throw new InvalidOperationException($"{Name} compares two inputs: call Forward(input1, input2, target).");

    /// <summary>Computes the loss of the pairs (<paramref name="input1"/>, <paramref name="input2"/>) against 1/-1 targets.</summary>
    public Tensor Forward(Tensor input1, Tensor input2, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input1, input2, "input1", "input2");
        RequireFloatLike(input1, input2, "input2");
        var shape = input1.Shape;
        if (shape.Length is not (1 or 2))
        {
            throw new ArgumentException($"{Name}: inputs must be (N, D) or (D) but have shape {Format(shape)}.", nameof(input1));
        }

        long[] expected = shape.Length == 2 ? [shape[0]] : [];
        var targetShape = target.Shape;
        if (!expected.AsSpan().SequenceEqual(targetShape))
        {
            throw new ArgumentException(
                $"{Name}: inputs have shape {Format(shape)} so target must have shape {Format(expected)}, but has shape {Format(targetShape)}.",
                nameof(target));
        }

        return new Tensor(NativeMethods.crc_loss_cosine_embedding(input1.Handle, input2.Handle, target.Handle, Margin, ReductionCode));
    }
}
