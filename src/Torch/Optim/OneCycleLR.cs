namespace Crucible.Torch.Optim;

/// <summary>How <see cref="OneCycleLR"/> moves between rates.</summary>
public enum AnnealStrategy
{
    /// <summary>Along a half cosine.</summary>
    Cos,

    /// <summary>Along a straight line.</summary>
    Linear,
}

/// <summary>
/// The 1cycle policy (<c>torch.optim.lr_scheduler.OneCycleLR</c>): the rate rises from
/// <c>maxLr / divFactor</c> to <c>maxLr</c>, then falls to <c>initial / finalDivFactor</c>, while
/// the momentum (or Adam's <c>beta1</c>) moves the opposite way. Step it after every batch, for
/// <c>totalSteps</c> steps in all. It writes <c>initial_lr</c>, <c>max_lr</c>, <c>min_lr</c>,
/// <c>max_momentum</c> and <c>base_momentum</c> into the groups, as PyTorch does.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly int totalSteps;
    private readonly (double EndStep, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] phases;
    private readonly AnnealStrategy anneal;
    private readonly bool cycleMomentum;
    private readonly string momentumKey = "momentum";

    /// <summary>Creates the scheduler; a single value in a list applies to every group.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="maxLr">The peak rate, per group.</param>
    /// <param name="totalSteps">Steps in the cycle (or give <paramref name="epochs"/> and <paramref name="stepsPerEpoch"/>).</param>
    /// <param name="epochs">Epochs, with <paramref name="stepsPerEpoch"/>, when <paramref name="totalSteps"/> is null.</param>
    /// <param name="stepsPerEpoch">Batches per epoch.</param>
    /// <param name="pctStart">Fraction of the cycle spent rising. Defaults to 0.3.</param>
    /// <param name="annealStrategy">Cosine or linear. Defaults to cosine.</param>
    /// <param name="cycleMomentum">Cycle momentum inversely to the rate. Defaults to true.</param>
    /// <param name="baseMomentum">The lower momentum, per group. Defaults to 0.85.</param>
    /// <param name="maxMomentum">The upper momentum, per group. Defaults to 0.95.</param>
    /// <param name="divFactor">initial rate = maxLr / divFactor. Defaults to 25.</param>
    /// <param name="finalDivFactor">final rate = initial rate / finalDivFactor. Defaults to 1e4.</param>
    /// <param name="threePhase">Rise, fall back to the initial rate, then anneal to the final one. Defaults to false.</param>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLr, int? totalSteps = null, int? epochs = null, int? stepsPerEpoch = null,
        double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
        IReadOnlyList<double>? baseMomentum = null, IReadOnlyList<double>? maxMomentum = null, double divFactor = 25.0,
        double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer)
    {
        if (totalSteps is { } steps)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps, nameof(totalSteps));
            this.totalSteps = steps;
        }
        else if (epochs is { } e && stepsPerEpoch is { } spe)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(e, nameof(epochs));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spe, nameof(stepsPerEpoch));
            this.totalSteps = e * spe;
        }
        else
        {
            throw new ArgumentException("You must define either totalSteps or (epochs and stepsPerEpoch).", nameof(totalSteps));
        }

        if (pctStart is < 0 or > 1 || double.IsNaN(pctStart))
        {
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "Expected a fraction between 0 and 1.");
        }

        phases = threePhase
            ? [
                ((pctStart * this.totalSteps) - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                ((2 * pctStart * this.totalSteps) - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                (this.totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
            : [
                ((pctStart * this.totalSteps) - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (this.totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ];
        anneal = annealStrategy;

        var maxLrs = PerGroup(nameof(maxLr), maxLr);
        for (var i = 0; i < Groups.Count; i++)
        {
            var group = Groups[i];
            group.InitialLearningRate = maxLrs[i] / divFactor;
            group.Options["max_lr"] = maxLrs[i];
            group.Options["min_lr"] = group.InitialLearningRate.Value / finalDivFactor;
        }

        this.cycleMomentum = cycleMomentum;
        if (cycleMomentum)
        {
            var options = Groups[0].Options;
            if (!options.ContainsKey("momentum") && !options.ContainsKey("beta1"))
            {
                throw new ArgumentException("The optimizer must support momentum (a 'momentum' or 'beta1' option) with cycleMomentum enabled.", nameof(optimizer));
            }

            // PyTorch cycles beta1 whenever the optimizer has betas.
            momentumKey = options.ContainsKey("beta1") ? "beta1" : "momentum";
            var maxMomenta = PerGroup(nameof(maxMomentum), maxMomentum ?? [0.95]);
            var baseMomenta = PerGroup(nameof(baseMomentum), baseMomentum ?? [0.85]);
            for (var i = 0; i < Groups.Count; i++)
            {
                Groups[i].Options[momentumKey] = maxMomenta[i];
                Groups[i].Options["max_momentum"] = maxMomenta[i];
                Groups[i].Options["base_momentum"] = baseMomenta[i];
            }
        }

        Initialize();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        var stepNum = LastEpoch;
        if (stepNum > totalSteps)
        {
            throw new InvalidOperationException($"Tried to step {stepNum + 1} times. The specified number of total steps is {totalSteps}.");
        }

        var lrs = new double[Groups.Count];
        for (var g = 0; g < Groups.Count; g++)
        {
            var group = Groups[g];
            double startStep = 0;
            for (var i = 0; i < phases.Length; i++)
            {
                var phase = phases[i];
                if (stepNum <= phase.EndStep || i == phases.Length - 1)
                {
                    var pct = (stepNum - startStep) / (phase.EndStep - startStep);
                    lrs[g] = Anneal(Read(group, phase.StartLr), Read(group, phase.EndLr), pct);
                    if (cycleMomentum)
                    {
                        group.Options[momentumKey] = Anneal(group.Option(phase.StartMomentum), group.Option(phase.EndMomentum), pct);
                    }

                    break;
                }

                startStep = phase.EndStep;
            }
        }

        return lrs;
    }

    private static double Read(ParamGroup group, string key) =>
        key == "initial_lr" ? group.InitialLearningRate ?? throw new InvalidOperationException("The group lost its initial_lr.") : group.Option(key);

    private double Anneal(double start, double end, double pct)
    {
        if (anneal == AnnealStrategy.Linear)
        {
            return ((end - start) * pct) + start;
        }

        var cosOut = Math.Cos(Math.PI * pct) + 1;
        return end + ((start - end) / 2.0 * cosOut);
    }
}
