using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Whether <c>input1</c> should rank above (target 1) or below (target -1) <c>input2</c>
/// (<c>torch.nn.MarginRankingLoss</c>): <c>max(0, -target (x1 - x2) + margin)</c>. All three tensors
/// have the same shape. It compares two inputs, so call <see cref="Forward(Tensor, Tensor, Tensor)"/>.
/// </summary>
public sealed class MarginRankingLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">How far apart a correctly ranked pair must be. Defaults to 0.</param>
    /// <param name="reduction">How per-pair losses are reduced.</param>
    public MarginRankingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Margin = margin;
    }

    /// <summary>How far apart a correctly ranked pair must be.</summary>
    public double Margin { get; }

    /// <summary>Not defined for a pair loss: throws, naming <see cref="Forward(Tensor, Tensor, Tensor)"/>.</summary>
    public override Tensor Forward(Tensor input, Tensor target) =>
        throw new InvalidOperationException($"{Name} compares two inputs: call Forward(input1, input2, target).");

    /// <summary>Computes the loss of ranking <paramref name="input1"/> against <paramref name="input2"/> as <paramref name="target"/> says.</summary>
    public Tensor Forward(Tensor input1, Tensor input2, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input1, input2, "input1", "input2");
        RequireSameShape(input1, target, "input1", "target");
        RequireFloatLike(input1, input2, "input2");
        RequireFloatLike(input1, target, "target");
        return new Tensor(NativeMethods.crc_loss_margin_ranking(input1.Handle, input2.Handle, target.Handle, Margin, ReductionCode));
    }
}
