namespace Crucible.Torch.Optim;

/// <summary>How <see cref="CyclicLR"/> scales the amplitude of its cycles.</summary>
public enum CyclicMode
{
    /// <summary>Constant amplitude.</summary>
    Triangular,

    /// <summary>Amplitude halved every cycle.</summary>
    Triangular2,

    /// <summary>Amplitude scaled by <c>gamma^iteration</c>.</summary>
    ExpRange,
}

/// <summary>
/// Cycles the rates between a base and a maximum rate, and the momentum inversely between
/// <c>maxMomentum</c> and <c>baseMomentum</c> (<c>torch.optim.lr_scheduler.CyclicLR</c>). Step it
/// after every batch. Needs an optimizer with a <c>momentum</c> option when cycling momentum.
/// </summary>
public sealed class CyclicLR : LRScheduler
{
    private readonly double[] maxLrs;
    private readonly double totalSize;
    private readonly double stepRatio;
    private readonly CyclicMode mode;
    private readonly double gamma;
    private readonly Func<double, double>? scaleFn;
    private readonly bool scaleByCycle;
    private readonly bool cycleMomentum;
    private readonly double[] baseMomentums = [];
    private readonly double[] maxMomentums = [];

    /// <summary>Creates the scheduler; a single value in a list applies to every group.</summary>
    /// <param name="optimizer">The optimizer whose rates to set.</param>
    /// <param name="baseLr">The lower rate of the cycle, per group.</param>
    /// <param name="maxLr">The upper rate of the cycle, per group.</param>
    /// <param name="stepSizeUp">Steps of the rising half. Defaults to 2000.</param>
    /// <param name="stepSizeDown">Steps of the falling half; null means <paramref name="stepSizeUp"/>.</param>
    /// <param name="mode">Amplitude policy, unless <paramref name="scaleFn"/> is given. Defaults to triangular.</param>
    /// <param name="gamma">The base of <see cref="CyclicMode.ExpRange"/>. Defaults to 1.</param>
    /// <param name="scaleFn">A custom amplitude function; replaces <paramref name="mode"/>.</param>
    /// <param name="scaleModeCycle">With <paramref name="scaleFn"/>: evaluate it on the cycle number (true) or the iteration. Defaults to true.</param>
    /// <param name="cycleMomentum">Cycle the momentum too. Defaults to true.</param>
    /// <param name="baseMomentum">The lower momentum, per group. Defaults to 0.8.</param>
    /// <param name="maxMomentum">The upper momentum, per group. Defaults to 0.9.</param>
    public CyclicLR(Optimizer optimizer, IReadOnlyList<double> baseLr, IReadOnlyList<double> maxLr, double stepSizeUp = 2000, double? stepSizeDown = null,
        CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0, Func<double, double>? scaleFn = null, bool scaleModeCycle = true,
        bool cycleMomentum = true, IReadOnlyList<double>? baseMomentum = null, IReadOnlyList<double>? maxMomentum = null)
        : base(optimizer)
    {
        var baseLrs = PerGroup(nameof(baseLr), baseLr);
        for (var i = 0; i < Groups.Count; i++)
        {
            Groups[i].LearningRate = baseLrs[i];
        }

        maxLrs = PerGroup(nameof(maxLr), maxLr);
        var down = stepSizeDown ?? stepSizeUp;
        totalSize = stepSizeUp + down;
        stepRatio = stepSizeUp / totalSize;
        this.mode = mode;
        this.gamma = gamma;
        this.scaleFn = scaleFn;
        scaleByCycle = scaleFn is null ? mode != CyclicMode.ExpRange : scaleModeCycle;
        this.cycleMomentum = cycleMomentum;
        if (cycleMomentum)
        {
            if (!Groups[0].Options.ContainsKey("momentum"))
            {
                throw new ArgumentException("The optimizer must support momentum (a 'momentum' option) with cycleMomentum enabled.", nameof(optimizer));
            }

            var baseMomenta = PerGroup(nameof(baseMomentum), baseMomentum ?? [0.8]);
            for (var i = 0; i < Groups.Count; i++)
            {
                Groups[i].Options["momentum"] = baseMomenta[i];
            }

            baseMomentums = Groups.Select(g => g.Option("momentum")).ToArray();
            maxMomentums = PerGroup(nameof(maxMomentum), maxMomentum ?? [0.9]);
        }

        Initialize();
        BaseLrs = baseLrs;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<double> GetLr()
    {
        var cycle = Math.Floor(1 + (LastEpoch / totalSize));
        var x = 1.0 + (LastEpoch / totalSize) - cycle;
        var scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        var scale = Scale(scaleByCycle ? cycle : LastEpoch);
        var lrs = BaseLrs.Select((b, i) => b + ((maxLrs[i] - b) * scaleFactor * scale)).ToArray();
        if (cycleMomentum)
        {
            for (var i = 0; i < Groups.Count; i++)
            {
                var height = (maxMomentums[i] - baseMomentums[i]) * scaleFactor;
                Groups[i].Options["momentum"] = maxMomentums[i] - (height * scale);
            }
        }

        return lrs;
    }

    private double Scale(double x)
    {
        if (scaleFn is not null)
        {
            return scaleFn(x);
        }

        return mode switch
        {
            CyclicMode.Triangular => 1.0,
            CyclicMode.Triangular2 => 1 / Math.Pow(2.0, x - 1),
            _ => Math.Pow(gamma, x),
        };
    }
}
