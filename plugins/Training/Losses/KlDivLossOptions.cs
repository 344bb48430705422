using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>kl-div</c> loss.</summary>
public sealed class KlDivLossOptions
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;

    /// <summary>Targets are log-probabilities too. Defaults to false.</summary>
    public bool LogTarget { get; set; }

    /// <summary>Divide the sum by the batch size (the mathematically correct mean). Defaults to false.</summary>
    public bool BatchMean { get; set; }
}
