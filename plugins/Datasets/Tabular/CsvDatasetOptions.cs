using System.ComponentModel.DataAnnotations;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>Options of the <c>csv</c> dataset.</summary>
public sealed class CsvDatasetOptions : IValidatableObject
{
    /// <summary>The CSV file (plain or .gz), relative to CRUCIBLE_DATA or the experiment file. Required.</summary>
    [Required]
    [DataPath]
    public string Path { get; set; } = string.Empty;

    /// <summary>A separate validation file with the same columns. Defaults to null (none, or the trainer's validation split).</summary>
    [DataPath]
    public string? ValidationPath { get; set; }

    /// <summary>A separate test file with the same columns. Defaults to null: the test part is split off by <see cref="TestFraction"/>.</summary>
    [DataPath]
    public string? TestPath { get; set; }

    /// <summary>A file holding the targets, one per line, when they are not a column (scikit-learn's diabetes_target). Defaults to null.</summary>
    [DataPath]
    public string? TargetPath { get; set; }

    /// <summary>What the first line holds: auto, none, names, or sklearn (the n_samples,n_features,class names line). Defaults to auto.</summary>
    public HeaderKind Header { get; set; } = HeaderKind.Auto;

    /// <summary>The field delimiter: one character, "\t", or "whitespace". Defaults to ",".</summary>
    [Required]
    public string Delimiter { get; set; } = ",";

    /// <summary>Feature columns by name, index (negative from the end) or range ("0:30"). Defaults to null: every column but the label.</summary>
    public string[]? Features { get; set; }

    /// <summary>The label column by name or index. Defaults to null: the last column.</summary>
    public string? Label { get; set; }

    /// <summary>Whether the label is a class or a regression target: auto, classification or regression. Defaults to auto.</summary>
    public LabelKind Task { get; set; } = LabelKind.Auto;

    /// <summary>Feature scaling fitted on the training split only: none, standardize or minMax. Defaults to none.</summary>
    public Scaling Scaling { get; set; } = Scaling.None;

    /// <summary>Also standardize or min-max regression targets (errors are still reported in the data's units). Defaults to false.</summary>
    public bool ScaleTargets { get; set; }

    /// <summary>Fraction of the samples held out for testing when there is no test file. Defaults to 0.2.</summary>
    [Range(0.0, 0.9)]
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Fraction held out for validation when there is no validation file. Defaults to 0 (use the trainer's validationSplit).</summary>
    [Range(0.0, 0.9)]
    public double ValidationFraction { get; set; }

    /// <summary>For two classes: one output logit with 0/1 float targets (for bce-with-logits) instead of two class scores. Defaults to false.</summary>
    public bool SingleBinaryOutput { get; set; }

    /// <summary>
    /// Read the rows lazily, for files larger than memory: a byte-offset index of the rows is built
    /// once and cached beside the file's digest, the scaling is fitted in one streaming pass over the
    /// training rows, and the trainer's loader reads the rows of each batch (<c>training.workers</c>).
    /// Needs an uncompressed file with the label as a column; validation and test parts are split off
    /// it. Defaults to false.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary>The dataset's name in the tracking record. Defaults to the file name without extensions.</summary>
    public string? DatasetName { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TestFraction + ValidationFraction >= 1)
        {
            yield return new ValidationResult("testFraction and validationFraction must sum to less than 1.", [nameof(TestFraction), nameof(ValidationFraction)]);
        }

        if (TargetPath is not null && Label is not null)
        {
            yield return new ValidationResult("give either a label column or a targetPath, not both.", [nameof(Label), nameof(TargetPath)]);
        }
    }
}
