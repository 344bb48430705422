using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>l1</c> loss.</summary>
public sealed class L1LossOptions
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;
}
