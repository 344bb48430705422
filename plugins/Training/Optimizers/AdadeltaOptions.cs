using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>adadelta</c> optimizer.</summary>
public sealed class AdadeltaOptions
{
    /// <summary>The learning rate. Defaults to 1.0.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 1.0;

    /// <summary>Decay of the running averages. Defaults to 0.9.</summary>
    [Range(0.0, 1.0)]
    public double Rho { get; set; } = 0.9;

    /// <summary>Added to denominators for stability. Defaults to 1e-6.</summary>
    [Range(0.0, 1.0)]
    public double Eps { get; set; } = 1e-6;

    /// <summary>L2 penalty added to the gradient. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double WeightDecay { get; set; }

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
