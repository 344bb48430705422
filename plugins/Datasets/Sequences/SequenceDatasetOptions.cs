using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;
using Crucible.Plugins.Datasets.Tabular;

namespace Crucible.Plugins.Datasets.Sequences;

/// <summary>Options of the <c>sequence</c> dataset.</summary>
public sealed class SequenceDatasetOptions : IValidatableObject
{
    /// <summary>A CSV file with one row per time step. Required.</summary>
    [Required]
    [DataPath]
    public string Path { get; set; } = string.Empty;

    /// <summary>What the first line holds. Defaults to auto.</summary>
    public HeaderKind Header { get; set; } = HeaderKind.Auto;

    /// <summary>The field delimiter. Defaults to ",".</summary>
    [Required]
    public string Delimiter { get; set; } = ",";

    /// <summary>The value columns fed to the model, by name or index. Defaults to null: every numeric column.</summary>
    public string[]? Columns { get; set; }

    /// <summary>The columns forecast, by name or index, among <see cref="Columns"/>. Defaults to null: all of them.</summary>
    public string[]? Targets { get; set; }

    /// <summary>Time steps in one input window. Defaults to 12.</summary>
    [Range(1, 100_000)]
    public int Window { get; set; } = 12;

    /// <summary>Steps between the window's last step and the forecast one (1 = the next step). Defaults to 1.</summary>
    [Range(1, 100_000)]
    public int Horizon { get; set; } = 1;

    /// <summary>Scaling of every column, fitted on the training steps only: none, standardize or minMax. Defaults to minMax.</summary>
    public Scaling Scaling { get; set; } = Scaling.MinMax;

    /// <summary>
    /// Model changes instead of levels: inputs are the step-to-step changes, the target is the change
    /// from the window's last step to the forecast step. A trend then stays inside the range the
    /// scaler saw in training, and errors (and the baseline) keep the data's units, because the level
    /// forecast is the last level plus the predicted change. Defaults to false.
    /// </summary>
    public bool Difference { get; set; }

    /// <summary>Fraction of the windows, at the end of the series, held out for testing. Defaults to 0.33.</summary>
    [Range(0.0, 0.9)]
    public double TestFraction { get; set; } = 0.33;

    /// <summary>Fraction of the windows just before the test part held out for validation. Defaults to 0.</summary>
    [Range(0.0, 0.9)]
    public double ValidationFraction { get; set; }

    /// <summary>The dataset's name in the tracking record. Defaults to the file name without extensions.</summary>
    public string? DatasetName { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TestFraction + ValidationFraction >= 1)
        {
            yield return new ValidationResult("testFraction and validationFraction must sum to less than 1.", [nameof(TestFraction), nameof(ValidationFraction)]);
        }
    }
}
