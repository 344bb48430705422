namespace Crucible.Torch.Optim;

/// <summary>
/// Cosine annealing with warm restarts, SGDR (<c>torch.optim.lr_scheduler.CosineAnnealingWarmRestarts</c>):
/// the rate follows a cosine from the initial rate to <c>etaMin</c> over <c>t0</c> epochs, restarts,
/// and each period is <c>tMult</c> times longer than the last. Step it per batch with a fractional
/// epoch through <see cref="Step(double)"/>, as PyTorch's <c>step(epoch + i / iters)</c>.
/// </summary>
public sealed class CosineAnnealingWarmRestarts : LRScheduler
{
    private readonly int t0;
    private readonly int tMult;
    private readonly double etaMin;
    private double tCur;
    private int tI;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="t0">Epochs of the first period; must be positive.</param>
    /// <param name="tMult">Growth of the period after each restart; at least 1. Defaults to 1.</param>
    /// <param name="etaMin">The lowest rate. Defaults to 0.</param>
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult = 1, double etaMin = 0)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t0);
        ArgumentOutOfRangeException.ThrowIfLessThan(tMult, 1);
        this.t0 = t0;
        tI = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        tCur = -1;
        Initialize();
    }

    /// <inheritdoc />
    public override void Step()
    {
        if (LastEpoch < 0)
        {
            Step(0.0);
            return;
        }

        var epoch = LastEpoch + 1;
        tCur += 1;
        if (tCur >= tI)
        {
            tCur -= tI;
            tI *= tMult;
        }

        LastEpoch = epoch;
        Apply(GetLr());
    }

    /// <summary>Moves the schedule to a (possibly fractional) epoch.</summary>
    public void Step(double epoch)
    {
        if (epoch < 0 || double.IsNaN(epoch))
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Expected a non-negative epoch.");
        }

        if (epoch >= t0)
        {
            if (tMult == 1)
            {
                tCur = epoch % t0;
            }
            else
            {
                var n = (int)Math.Log((epoch / t0 * (tMult - 1)) + 1, tMult);
                tCur = epoch - (t0 * (Math.Pow(tMult, n) - 1) / (tMult - 1));
                tI = t0 * (int)Math.Pow(tMult, n);
            }
        }
        else
        {
            tI = t0;
            tCur = epoch;
        }

        LastEpoch = (int)Math.Floor(epoch);
        Apply(GetLr());
    }

    /// <inheritdoc />
    protected internal override void StepToEpoch(int epoch) => Step((double)epoch);

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr() =>
        BaseLrs.Select(b => etaMin + ((b - etaMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2)).ToArray();

    /// <inheritdoc />
    protected internal override void SaveState(StateDict stateDict, string prefix)
    {
        base.SaveState(stateDict, prefix);
        stateDict.Values[prefix + "T_cur"] = tCur;
        stateDict.Values[prefix + "T_i"] = tI;
    }

    /// <inheritdoc />
    protected internal override void LoadState(StateDict stateDict, string prefix)
    {
        base.LoadState(stateDict, prefix);
        tCur = stateDict.Value(prefix + "T_cur");
        tI = (int)stateDict.Value(prefix + "T_i");
    }
}
