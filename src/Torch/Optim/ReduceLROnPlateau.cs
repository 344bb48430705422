namespace Crucible.Torch.Optim;

/// <summary>Whether <see cref="ReduceLROnPlateau"/> waits for the metric to fall or to rise.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau"/> measures a significant improvement.</summary>
public enum ThresholdMode
{
    /// <summary>Relative: better than <c>best * (1 ∓ threshold)</c>.</summary>
    Rel,

    /// <summary>Absolute: better than <c>best ∓ threshold</c>.</summary>
    Abs,
}

/// <summary>
/// Reduces the rates by <c>factor</c> when a metric has stopped improving for <c>patience</c>
/// epochs (<c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>). Step it with the metric:
/// <see cref="Step(double)"/>; the plain <see cref="Step()"/> has no metric and throws.
/// </summary>
public sealed class ReduceLROnPlateau : LRScheduler
{
    private readonly PlateauMode mode;
    private readonly double factor;
    private readonly int patience;
    private readonly double threshold;
    private readonly ThresholdMode thresholdMode;
    private readonly int cooldown;
    private readonly double[] minLrs;
    private readonly double eps;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="mode">Whether lower or higher is better. Defaults to min.</param>
    /// <param name="factor">The rate is multiplied by this; below 1. Defaults to 0.1.</param>
    /// <param name="patience">Epochs without improvement tolerated. Defaults to 10.</param>
    /// <param name="threshold">What counts as an improvement. Defaults to 1e-4.</param>
    /// <param name="thresholdMode">Relative or absolute threshold. Defaults to relative.</param>
    /// <param name="cooldown">Epochs to wait after a reduction. Defaults to 0.</param>
    /// <param name="minLr">The lowest rate, for every group or per group. Defaults to 0.</param>
    /// <param name="eps">Reductions smaller than this are skipped. Defaults to 1e-8.</param>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, IReadOnlyList<double>? minLr = null, double eps = 1e-8)
        : base(optimizer)
    {
        if (!(factor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Factor should be < 1.0.");
        }

        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
        this.cooldown = cooldown;
        minLrs = PerGroup(nameof(minLr), minLr ?? [0.0]);
        this.eps = eps;
        LastEpoch = 0;
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        BaseLrs = CurrentLrs();
    }

    /// <summary>The best metric so far.</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Epochs of cooldown left.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>Not possible without a metric: throws, pointing to <see cref="Step(double)"/>.</summary>
    public override void Step() =>
        throw new InvalidOperationException("ReduceLROnPlateau needs the monitored metric: call Step(metric).");

    /// <summary>Records one epoch's metric and reduces the rates after too many epochs without improvement.</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }

        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs > patience)
        {
            for (var i = 0; i < Groups.Count; i++)
            {
                var oldLr = Groups[i].LearningRate;
                var reduced = oldLr * factor;
                var newLr = minLrs[i] > reduced ? minLrs[i] : reduced;
                if (oldLr - newLr > eps)
                {
                    Groups[i].LearningRate = newLr;
                }
            }

            CooldownCounter = cooldown;
            NumBadEpochs = 0;
        }

        RecordLastLr();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() => CurrentLrs();

    /// <inheritdoc />
    protected internal override void InitialStep()
    {
    }

    /// <inheritdoc />
    protected internal override void SaveState(StateDict stateDict, string prefix)
    {
        base.SaveState(stateDict, prefix);
        stateDict.Values[prefix + "best"] = Best;
        stateDict.Values[prefix + "num_bad_epochs"] = NumBadEpochs;
        stateDict.Values[prefix + "cooldown_counter"] = CooldownCounter;
    }

    /// <inheritdoc />
    protected internal override void LoadState(StateDict stateDict, string prefix)
    {
        base.LoadState(stateDict, prefix);
        Best = stateDict.Value(prefix + "best");
        NumBadEpochs = (int)stateDict.Value(prefix + "num_bad_epochs");
        CooldownCounter = (int)stateDict.Value(prefix + "cooldown_counter");
    }

    private bool IsBetter(double a, double best) => (mode, thresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1.0 - threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (threshold + 1.0),
        _ => a > best + threshold,
    };
}
