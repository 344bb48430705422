using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>adagrad</c> optimizer.</summary>
public sealed class AdagradOptions
{
    /// <summary>The learning rate. Defaults to 0.01.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.01;

    /// <summary>Learning-rate decay. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double LrDecay { get; set; }

    /// <summary>L2 penalty added to the gradient. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double WeightDecay { get; set; }

    /// <summary>Starting value of the squared-gradient sums. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double InitialAccumulatorValue { get; set; }

    /// <summary>Added to denominators for stability. Defaults to 1e-10.</summary>
    [Range(0.0, 1.0)]
    public double Eps { get; set; } = 1e-10;

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
