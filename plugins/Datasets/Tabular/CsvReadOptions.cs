namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>How to turn a CSV file into samples.</summary>
internal sealed record CsvReadOptions
{
    /// <summary>What the first line holds.</summary>
    public HeaderKind Header { get; init; } = HeaderKind.Auto;

    /// <summary>One character, <c>\t</c>, or <c>whitespace</c>.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>
    /// Feature columns by name, index (negative counts from the end) or Python-style range
    /// (<c>0:30</c>); null takes every column except the label.
    /// </summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The label column by name or index; null means the last column (or none with <see cref="TargetFile"/>).</summary>
    public string? Label { get; init; }

    /// <summary>Whether labels are classes or regression targets.</summary>
    public LabelKind LabelKind { get; init; } = LabelKind.Auto;

    /// <summary>A separate file holding the targets, one row per sample (scikit-learn's diabetes_target).</summary>
    public string? TargetFile { get; init; }
}
