using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>smooth-l1</c> loss.</summary>
public sealed class SmoothL1LossOptions
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;

    /// <summary>Where the loss turns from quadratic to linear. Defaults to 1.</summary>
    [Range(0.0, 1e9)]
    public double Beta { get; set; } = 1.0;
}
