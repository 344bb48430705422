using Crucible.Torch.Interop;

namespace Crucible.Torch.Nn;

/// <summary>
/// Shared implementation of <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> (PyTorch's
/// <c>_BatchNorm</c>): parameters <c>weight</c> (ones) and <c>bias</c> (zeros), buffers
/// <c>running_mean</c> (zeros), <c>running_var</c> (ones) and <c>num_batches_tracked</c> (int64).
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Number of channels C.</param>
    /// <param name="eps">Added to the variance for stability. Defaults to 1e-5.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics; null for a cumulative average. Defaults to 0.1.</param>
    /// <param name="affine">Whether to learn a per-channel scale and shift. Defaults to true.</param>
    /// <param name="trackRunningStats">Whether to keep running statistics for evaluation mode. Defaults to true.</param>
    /// <param name="device">Where to create the tensors; the CPU by default.</param>
    /// <param name="dtype">The floating-point element type; float32 by default.</param>
    protected BatchNorm(long numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, Device? device, ScalarType? dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numFeatures, 1);
        (NumFeatures, Eps, Momentum, Affine, TrackRunningStats) = (numFeatures, eps, momentum, affine, trackRunningStats);
        var type = dtype ?? ScalarType.Float32;
        if (affine)
        {
            Weight = RegisterParameter("weight", torch.Ones([numFeatures], type, device));
            Bias = RegisterParameter("bias", torch.Zeros([numFeatures], type, device));
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", torch.Zeros([numFeatures], type, device));
            RunningVar = RegisterBuffer("running_var", torch.Ones([numFeatures], type, device));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", torch.Zeros([], ScalarType.Int64, device));
        }
    }

    /// <summary>Number of channels.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>Whether the layer learns a per-channel scale and shift.</summary>
    public bool Affine { get; }

    /// <summary>Whether the layer keeps running statistics.</summary>
    public bool TrackRunningStats { get; }

    /// <summary>The scale, or null when not affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>The shift, or null when not affine.</summary>
    public Tensor? Bias { get; }

    /// <summary>The running mean, or null when not tracking.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The running (unbiased) variance, or null when not tracking.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Number of training batches seen, or null when not tracking.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running statistics to their initial values.</summary>
    public void ResetRunningStats()
    {
        if (TrackRunningStats)
        {
            Init.Zeros(RunningMean!);
            Init.Ones(RunningVar!);
            Init.Zeros(NumBatchesTracked!);
        }
    }

    /// <summary>Whether an input of <paramref name="dims"/> dimensions fits; <paramref name="expected"/> describes what does, e.g. "2-D or 3-D".</summary>
    protected abstract bool AcceptsDimensions(int dims, out string expected);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dims = input.Dim;
        if (!AcceptsDimensions(dims, out var expected))
        {
            throw new ArgumentException($"{GetType().Name} expects {expected} input, got {dims}-D (shape [{string.Join(", ", input.Shape)}]).", nameof(input));
        }

        var factor = Momentum ?? 0.0;
        if (Training && TrackRunningStats)
        {
            NativeMethods.Check(NativeMethods.crc_nn_add_scalar_(NumBatchesTracked!.Handle, 1));
            if (Momentum is null)
            {
                factor = 1.0 / NumBatchesTracked.Item<long>();
            }
        }

        // As PyTorch: batch statistics in training, and also in evaluation when nothing is tracked.
        var useBatchStats = Training || !TrackRunningStats;
        return F.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStats, factor, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{NumFeatures}, eps={Py(Eps)}, momentum={(Momentum is double m ? Py(m) : "None")}, affine={Py(Affine)}, track_running_stats={Py(TrackRunningStats)}";
}
