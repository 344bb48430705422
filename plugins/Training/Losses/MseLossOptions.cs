using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>mse</c> loss.</summary>
public sealed class MseLossOptions
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;
}
