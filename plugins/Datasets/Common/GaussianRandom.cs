namespace Crucible.Plugins.Datasets.Common;

/// <summary>A seeded uniform and normal generator (Box-Muller), the same on every platform.</summary>
internal sealed class GaussianRandom
{
#pragma warning disable CA5394 // Reproducible synthetic data, not security.
    private readonly Random random;
    private double? spare;

    public GaussianRandom(int seed)
    {
        random = new Random(seed);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => random.NextDouble();

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => random.Next(maxExclusive);

    /// <summary>A standard normal sample.</summary>
    public double NextGaussian()
    {
        if (spare is double s)
        {
            spare = null;
            return s;
        }

        double u;
        do
        {
            u = random.NextDouble();
        }
        while (u <= double.Epsilon);

        var v = random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u));
        spare = radius * Math.Sin(2 * Math.PI * v);
        return radius * Math.Cos(2 * Math.PI * v);
    }
#pragma warning restore CA5394
}
