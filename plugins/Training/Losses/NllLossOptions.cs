using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>nll</c> loss.</summary>
public sealed class NllLossOptions : IValidatableObject
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;

    /// <summary>A target value that contributes nothing. Defaults to -100.</summary>
    public long IgnoreIndex { get; set; } = -100;

    /// <summary>A weight per class, rescaling each class's loss (class imbalance); one per class of the dataset. Defaults to null: all 1.</summary>
    public List<double>? Weight { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        LossWeights.Check(Weight, nameof(Weight));
}
