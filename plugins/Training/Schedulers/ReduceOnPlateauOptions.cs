using System.ComponentModel.DataAnnotations;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Training.Schedulers;

/// <summary>Options of the <c>reduce-on-plateau</c> scheduler.</summary>
public sealed class ReduceOnPlateauOptions : IValidatableObject
{
    /// <summary>The epoch metric watched, as the run records it (<c>val_loss</c>, <c>val_accuracy</c>, <c>train_loss</c>). Defaults to val_loss.</summary>
    [Required]
    [MinLength(1)]
    public string Monitor { get; set; } = "val_loss";

    /// <summary>Whether lower (<c>min</c>, a loss) or higher (<c>max</c>, an accuracy) is better. Defaults to min.</summary>
    public PlateauMode Mode { get; set; } = PlateauMode.Min;

    /// <summary>The rate is multiplied by this on a plateau; at least 0 and below 1. Defaults to 0.1.</summary>
    [Range(0.0, 1.0)]
    public double Factor { get; set; } = 0.1;

    /// <summary>Epochs without improvement tolerated before the rate is reduced. Defaults to 10.</summary>
    [Range(0, int.MaxValue)]
    public int Patience { get; set; } = 10;

    /// <summary>The smallest change that counts as an improvement. Defaults to 1e-4.</summary>
    [Range(0.0, double.MaxValue)]
    public double Threshold { get; set; } = 1e-4;

    /// <summary>Whether <c>threshold</c> is relative (<c>rel</c>) or absolute (<c>abs</c>). Defaults to rel.</summary>
    public ThresholdMode ThresholdMode { get; set; } = ThresholdMode.Rel;

    /// <summary>Epochs to wait after a reduction before watching again. Defaults to 0.</summary>
    [Range(0, int.MaxValue)]
    public int Cooldown { get; set; }

    /// <summary>The rate is never reduced below this. Defaults to 0.</summary>
    [Range(0.0, double.MaxValue)]
    public double MinLr { get; set; }

    /// <summary>Reductions smaller than this are skipped. Defaults to 1e-8.</summary>
    [Range(0.0, double.MaxValue)]
    public double Eps { get; set; } = 1e-8;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // PyTorch: "Factor should be < 1.0."; a factor of 1 would never reduce anything.
        if (Factor >= 1.0)
        {
            yield return new ValidationResult($"must be below 1, got {Factor}.", [nameof(Factor)]);
        }
    }
}
