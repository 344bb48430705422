using System.ComponentModel.DataAnnotations;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>Options of the <c>inline</c> dataset.</summary>
public sealed class InlineDatasetOptions : IValidatableObject
{
    /// <summary>Column names, in row order. Defaults to null: column0, column1, ...</summary>
    public string[]? Columns { get; set; }

    /// <summary>The table, one array of numbers per row. Required.</summary>
    [Required]
    [MinLength(1)]
    public double[][] Rows { get; set; } = [];

    /// <summary>Feature columns by name or index. Defaults to null: every column but the label.</summary>
    public string[]? Features { get; set; }

    /// <summary>The label column by name or index. Defaults to null: the last column.</summary>
    public string? Label { get; set; }

    /// <summary>Whether the label is a class or a regression target. Defaults to auto (regression for numbers).</summary>
    public LabelKind Task { get; set; } = LabelKind.Auto;

    /// <summary>Feature scaling fitted on the training rows: none, standardize or minMax. Defaults to none.</summary>
    public Scaling Scaling { get; set; } = Scaling.None;

    /// <summary>Fraction of rows held out for testing; with 0 the model is tested on the training rows, as the course does with tiny tables. Defaults to 0.</summary>
    [Range(0.0, 0.9)]
    public double TestFraction { get; set; }

    /// <summary>For two classes: one output logit with 0/1 float targets. Defaults to false.</summary>
    public bool SingleBinaryOutput { get; set; }

    /// <summary>The dataset's name in the tracking record. Defaults to "inline".</summary>
    public string DatasetName { get; set; } = "inline";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var width = Rows.Length > 0 ? Rows[0]?.Length ?? 0 : 0;
        if (Rows.Any(r => r is null || r.Length != width))
        {
            yield return new ValidationResult("every row must have the same number of values.", [nameof(Rows)]);
        }

        if (Columns is not null && Columns.Length != width)
        {
            yield return new ValidationResult($"{Columns.Length} column names for rows of {width} values.", [nameof(Columns)]);
        }
    }
}
