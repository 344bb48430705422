using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Training.Optimizers;

/// <summary>Options of the <c>rprop</c> optimizer.</summary>
public sealed class RpropOptions
{
    /// <summary>The learning rate. Defaults to 0.01.</summary>
    [Range(0.0, 1e6)]
    public double Lr { get; set; } = 0.01;

    /// <summary>Step decrease factor. Defaults to 0.5.</summary>
    [Range(0.0, 1.0)]
    public double EtaMinus { get; set; } = 0.5;

    /// <summary>Step increase factor. Defaults to 1.2.</summary>
    [Range(1.0, 100.0)]
    public double EtaPlus { get; set; } = 1.2;

    /// <summary>Smallest step. Defaults to 1e-6.</summary>
    [Range(0.0, 1e6)]
    public double StepSizeMin { get; set; } = 1e-6;

    /// <summary>Largest step. Defaults to 50.</summary>
    [Range(0.0, 1e6)]
    public double StepSizeMax { get; set; } = 50.0;

    /// <summary>Maximize the objective instead of minimizing it. Defaults to false.</summary>
    public bool Maximize { get; set; }
}
