using System.ComponentModel.DataAnnotations;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Synthetic;

/// <summary>Options of the <c>synthetic</c> dataset.</summary>
public sealed class SyntheticDatasetOptions
{
    /// <summary>Which data: xor, or, and (truth tables), linear, sine, twoMoons or spirals. Defaults to xor.</summary>
    public SyntheticKind Kind { get; set; } = SyntheticKind.Xor;

    /// <summary>Samples to generate (per arm for spirals); truth tables always have four. Defaults to 200.</summary>
    [Range(1, 10_000_000)]
    public int Samples { get; set; } = 200;

    /// <summary>Standard deviation of the gaussian noise. Defaults to 0.1.</summary>
    [Range(0.0, 100.0)]
    public double Noise { get; set; } = 0.1;

    /// <summary>Slope of the linear data. Defaults to 2.</summary>
    public double Slope { get; set; } = 2.0;

    /// <summary>Intercept of the linear data. Defaults to 1.</summary>
    public double Intercept { get; set; } = 1.0;

    /// <summary>Smallest x of the linear data. Defaults to 0.</summary>
    public double XMin { get; set; }

    /// <summary>Largest x of the linear data. Defaults to 1.</summary>
    public double XMax { get; set; } = 1.0;

    /// <summary>Number of spiral arms (classes). Defaults to 3.</summary>
    [Range(2, 100)]
    public int Classes { get; set; } = 3;

    /// <summary>Truth tables as class labels (for cross-entropy) rather than 0/1 targets (for MSE, as in the course). Defaults to false.</summary>
    public bool AsClasses { get; set; }

    /// <summary>Fraction held out for testing; truth tables are always tested on their four rows. Defaults to 0.2.</summary>
    [Range(0.0, 0.9)]
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Feature scaling fitted on the training part: none, standardize or minMax. Defaults to none.</summary>
    public Scaling Scaling { get; set; } = Scaling.None;
}
