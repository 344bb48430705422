namespace Crucible.Plugins.Datasets.Synthetic;

/// <summary>Parameters of a generated dataset; each kind reads the ones it needs.</summary>
internal sealed record SyntheticSpec
{
    public SyntheticKind Kind { get; init; } = SyntheticKind.Xor;

    /// <summary>Samples to generate (per class for spirals); ignored by truth tables.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Standard deviation of the gaussian noise.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>Seed of the generator.</summary>
    public int Seed { get; init; }

    public double Slope { get; init; } = 2.0;

    public double Intercept { get; init; } = 1.0;

    public double XMin { get; init; }

    public double XMax { get; init; } = 1.0;

    /// <summary>Number of arms (classes) for spirals.</summary>
    public int Classes { get; init; } = 3;

    /// <summary>Truth tables as class labels (cross-entropy) instead of 0/1 regression targets (MSE, as in the course).</summary>
    public bool TruthTableAsClasses { get; init; }
}
