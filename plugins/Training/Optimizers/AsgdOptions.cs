using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>asgd</c> optimizer.</summary>
public sealed class AsgdOptions
{
    /// <summary>The learning rate. Defaults to 0.01.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.01;

    /// <summary>Decay term. Defaults to 1e-4.</summary>
    [Range(0.0, 1e6)]
    public double Lambd { get; set; } = 1e-4;

    /// <summary>Power for the eta update. Defaults to 0.75.</summary>
    [Range(0.0, 1e6)]
    public double Alpha { get; set; } = 0.75;

    /// <summary>Step at which averaging starts. Defaults to 1e6.</summary>
    [Range(0.0, 1e18)]
    public double T0 { get; set; } = 1e6;

    /// <summary>L2 penalty added to the gradient. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double WeightDecay { get; set; }

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
