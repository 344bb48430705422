using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Training.Losses;

/// <summary>Options of the <c>bce</c> loss.</summary>
public sealed class BceLossOptions : IValidatableObject
{
    /// <summary>How per-element losses combine: mean, sum or none. Defaults to mean.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;

    /// <summary>A weight per model output, rescaling its loss; one per output. Defaults to null: all 1.</summary>
    public List<double>? Weight { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        LossWeights.Check(Weight, nameof(Weight));
}
