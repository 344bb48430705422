using System.ComponentModel.DataAnnotations;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>Options of the classification metrics.</summary>
public sealed class ClassificationOptions
{
    /// <summary>
    /// For a single-output model: the output above which class 1 is predicted; 0 for logits, 0.5 for
    /// sigmoid outputs. Defaults to 0.
    /// </summary>
    public double Threshold { get; set; }

    /// <summary>How per-class scores combine for precision/recall/F1: binary, macro, micro or weighted. Defaults to macro.</summary>
    public Averaging Average { get; set; } = Averaging.Macro;

    /// <summary>For top-k accuracy: how many of the highest scores may hold the true class. Defaults to 5.</summary>
    [Range(1, 1000)]
    public int K { get; set; } = 5;
}
