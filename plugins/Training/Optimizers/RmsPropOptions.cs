using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>rmsprop</c> optimizer.</summary>
public sealed class RmsPropOptions
{
    /// <summary>The learning rate. Defaults to 0.01.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.01;

    /// <summary>Smoothing constant. Defaults to 0.99.</summary>
    [Range(0.0, 1.0)]
    public double Alpha { get; set; } = 0.99;

    /// <summary>Added to denominators for stability. Defaults to 1e-8.</summary>
    [Range(0.0, 1.0)]
    public double Eps { get; set; } = 1e-8;

    /// <summary>L2 penalty added to the gradient. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double WeightDecay { get; set; }

    /// <summary>Momentum factor. Defaults to 0.</summary>
    [Range(0.0, 1.0)]
    public double Momentum { get; set; }

    /// <summary>Normalize by the estimated gradient variance. Defaults to false.</summary>
    public bool Centered { get; set; }

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
