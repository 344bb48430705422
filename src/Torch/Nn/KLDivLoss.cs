using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Kullback-Leibler divergence of <c>target</c> from <c>input</c>, where the input holds
/// log-probabilities (<c>torch.nn.KLDivLoss</c>): <c>target (log target - input)</c> per element.
/// PyTorch's <c>reduction='batchmean'</c> (the true KL divergence per sample) is <c>batchMean: true</c>.
/// </summary>
public sealed class KLDivLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced; ignored when <paramref name="batchMean"/> is set.</param>
    /// <param name="logTarget">The target holds log-probabilities too. Defaults to false.</param>
    /// <param name="batchMean">Sum and divide by the batch size (the first dimension), as <c>reduction='batchmean'</c>.</param>
    public KLDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false, bool batchMean = false)
        : base(reduction)
    {
        LogTarget = logTarget;
        BatchMean = batchMean;
    }

    /// <summary>Whether the target holds log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <summary>Whether the summed loss is divided by the batch size.</summary>
    public bool BatchMean { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        RequireSameShape(input, target);
        RequireFloatLike(input, target);
        if (!BatchMean)
        {
            return new Tensor(NativeMethods.crc_loss_kl_div(input.Handle, target.Handle, ReductionCode, LogTarget ? 1 : 0));
        }

        var shape = input.Shape;
        var batch = shape.Length == 0 ? 1 : shape[0];
        using var sum = new Tensor(NativeMethods.crc_loss_kl_div(input.Handle, target.Handle, 2, LogTarget ? 1 : 0));
        using var divisor = input.DType == ScalarType.Float64
            ? torch.Tensor(new double[] { batch }, [])
            : torch.Tensor(new float[] { batch }, []).To(input.DType);
        using var onDevice = divisor.To(input.Device);
        return sum.Div(onDevice);
    }
}
