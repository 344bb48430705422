using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Negative log-likelihood of class-index targets given log-probabilities (<c>torch.nn.NLLLoss</c>),
/// e.g. after <c>LogSoftmax</c>. The input is <c>(C)</c>, <c>(N, C)</c> or <c>(N, C, d1, ...)</c>; the
/// target is int64 with the input's shape without the class dimension.
/// </summary>
public sealed class NLLLoss : Loss
{
    private readonly Tensor? weight;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">One weight per class, or null for equal weights.</param>
    /// <param name="ignoreIndex">A class index whose targets contribute nothing. Defaults to -100.</param>
    /// <param name="reduction">How per-sample losses are reduced; with class weights the mean is weighted.</param>
    public NLLLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        this.weight = weight?.Detach().DetachFromDisposeScope();
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class index whose targets are ignored.</summary>
    public long IgnoreIndex { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireClassIndices(input, target);
        using var refs = TensorRefs.Of(weight);
        return new Tensor(NativeMethods.crc_loss_nll(input.Handle, target.Handle, refs.Pointers[0], ReductionCode, IgnoreIndex));
    }
}
