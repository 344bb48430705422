using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>The <c>training.gradientClipping</c> section; either or both limits may be set.</summary>
internal sealed class GradientClippingOptions : IValidatableObject
{
    /// <summary>Clip the gradients' total norm to this value (<c>clip_grad_norm_</c>). Defaults to null (off).</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double? MaxNorm { get; set; }

    /// <summary>The p of the p-norm <see cref="MaxNorm"/> uses; <c>Infinity</c> is allowed. Defaults to 2.</summary>
    [Range(double.Epsilon, double.PositiveInfinity)]
    public double NormType { get; set; } = 2.0;

    /// <summary>Clip each gradient element to [-value, value] (<c>clip_grad_value_</c>). Defaults to null (off).</summary>
    [Range(double.Epsilon, double.MaxValue)]
    public double? Value { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxNorm is null && Value is null)
        {
            yield return new ValidationResult(
                "Set maxNorm, value or both (or remove gradientClipping).", [nameof(MaxNorm)]);
        }
    }
}
