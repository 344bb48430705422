using System.ComponentModel.DataAnnotations;

namespace Crucible.Plugins.Callbacks;

/// <summary>Options of the <c>predict</c> callback.</summary>
public sealed class PredictOptions : IValidatableObject
{
    /// <summary>
    /// The samples to predict, one array of feature values per sample, in the data's own units (the
    /// dataset's feature scaling is applied to them): <c>[[178], [160]]</c>. Required.
    /// </summary>
    [Required]
    [MinLength(1)]
    public double[][] Inputs { get; set; } = [];

    /// <summary>The predictions file, <c>predictions/&lt;fileName&gt;.csv</c> among the run's artifacts. Defaults to "custom".</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "must be a file name of letters, digits, '_', '-' and '.'.")]
    public string FileName { get; set; } = "custom";

    /// <summary>Metrics are recorded as <c>&lt;prefix&gt;_0</c>, <c>&lt;prefix&gt;_1</c>, ... per sample. Defaults to "prediction".</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "must be letters, digits, '_', '-' and '.'.")]
    public string MetricPrefix { get; set; } = "prediction";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Inputs.Any(row => row is null || row.Length == 0))
        {
            yield return new ValidationResult("every input row needs at least one value.", [nameof(Inputs)]);
        }
        else if (Inputs.Any(row => row.Length != Inputs[0].Length))
        {
            yield return new ValidationResult("every input row must have the same number of values.", [nameof(Inputs)]);
        }
        else if (Inputs.SelectMany(row => row).Any(v => !double.IsFinite(v)))
        {
            yield return new ValidationResult("input values must be finite numbers.", [nameof(Inputs)]);
        }
    }
}
