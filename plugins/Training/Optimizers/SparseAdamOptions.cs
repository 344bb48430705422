using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>sparse-adam</c> optimizer.</summary>
public sealed class SparseAdamOptions
{
    /// <summary>The learning rate. Defaults to 0.001.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.001;

    /// <summary>Decay of the running mean of gradients; below 1. Defaults to 0.9.</summary>
    [Range(0.0, 0.999999)]
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Decay of the running mean of squared gradients; below 1. Defaults to 0.999.</summary>
    [Range(0.0, 0.999999999)]
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Added to the denominator for stability. Defaults to 1e-8.</summary>
    [Range(0.0, 1.0)]
    public double Eps { get; set; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
