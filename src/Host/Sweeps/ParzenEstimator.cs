namespace Crucible.Host.Sweeps;

/// <summary>
/// A one-dimensional Parzen estimator over [low, high], as TPE builds it (hyperopt's adaptive Parzen,
/// Optuna's defaults): a truncated Gaussian at each observation plus a wide prior at the middle of the
/// range; each Gaussian's width is the larger distance to its neighbours, clipped to
/// [(high - low) / min(100, n + 1), high - low].
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly double low;
    private readonly double high;
    private readonly double[] mus;
    private readonly double[] sigmas;
    private readonly double[] weights;

    public ParzenEstimator(IReadOnlyList<double> observations, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(low, high);
        this.low = low;
        this.high = high;
        var range = high - low;
        var points = observations.Select(o => Math.Clamp(o, low, high)).Append((low + high) / 2).ToArray();
        var prior = points.Length - 1;
        var order = Enumerable.Range(0, points.Length).OrderBy(i => points[i]).ToArray();
        mus = order.Select(i => points[i]).ToArray();
        sigmas = new double[mus.Length];
        var minSigma = range / Math.Min(100.0, points.Length);
        for (var k = 0; k < mus.Length; k++)
        {
            if (order[k] == prior)
            {
                sigmas[k] = range;
                continue;
            }

            var left = k > 0 ? mus[k] - mus[k - 1] : mus[k] - low;
            var right = k < mus.Length - 1 ? mus[k + 1] - mus[k] : high - mus[k];
            sigmas[k] = Math.Clamp(Math.Max(left, right), minSigma, range);
        }

        weights = Enumerable.Repeat(1.0 / mus.Length, mus.Length).ToArray();
    }

    /// <summary>A draw from the mixture, inside [low, high].</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var k = Math.Min((int)(random.NextDouble() * mus.Length), mus.Length - 1);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = mus[k] + (sigmas[k] * StandardNormal(random));
            if (x >= low && x <= high)
            {
                return x;
            }
        }

        return Math.Clamp(mus[k], low, high);
    }

    /// <summary>The log density at <paramref name="x"/> (each Gaussian renormalized to [low, high]).</summary>
    public double LogDensity(double x)
    {
        var density = 0.0;
        for (var k = 0; k < mus.Length; k++)
        {
            var mass = NormalCdf((high - mus[k]) / sigmas[k]) - NormalCdf((low - mus[k]) / sigmas[k]);
            var z = (x - mus[k]) / sigmas[k];
            density += weights[k] * Math.Exp(-0.5 * z * z) / (sigmas[k] * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-12));
        }

        return Math.Log(Math.Max(density, 1e-300));
    }

    internal static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    internal static double NormalCdf(double z) => 0.5 * (1.0 + Erf(z / Math.Sqrt(2.0)));

    /// <summary>The error function (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7).</summary>
    internal static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var polynomial = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var y = 1.0 - (polynomial * Math.Exp(-x * x));
        return sign * y;
    }
}
