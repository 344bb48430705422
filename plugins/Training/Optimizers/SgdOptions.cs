using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>sgd</c> optimizer.</summary>
public sealed class SgdOptions
{
    /// <summary>The learning rate. Defaults to 0.01.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.01;

    /// <summary>Momentum factor. Defaults to 0.</summary>
    [Range(0.0, 1.0)]
    public double Momentum { get; set; }

    /// <summary>Dampening of momentum. Defaults to 0.</summary>
    [Range(0.0, 1.0)]
    public double Dampening { get; set; }

    /// <summary>L2 penalty added to the gradient. Defaults to 0.</summary>
    [Range(0.0, 1e6)]
    public double WeightDecay { get; set; }

    /// <summary>Nesterov momentum. Defaults to false.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
