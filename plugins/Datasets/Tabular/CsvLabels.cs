using System.Globalization;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>
/// How a label text becomes a target while streaming: a class index (the class order of the
/// in-memory mode: numeric classes by value, others in ordinal order, or scikit-learn's header names
/// with indices in the column) or a regression value.
/// </summary>
internal sealed class CsvLabels
{
    private readonly Dictionary<string, int> byText = new(StringComparer.Ordinal);
    private readonly Dictionary<double, int> byValue = [];
    private readonly bool indices;

    private CsvLabels(IReadOnlyList<string>? classes, bool indices)
    {
        Classes = classes;
        this.indices = indices;
        for (var c = 0; c < (classes?.Count ?? 0); c++)
        {
            byText[classes![c]] = c;
            if (CsvTable.TryParse(classes[c], out var v))
            {
                byValue.TryAdd(v, c);
            }
        }
    }

    /// <summary>Class names by index; null for regression.</summary>
    public IReadOnlyList<string>? Classes { get; }

    public static CsvLabels Regression() => new(null, false);

    public static CsvLabels SklearnIndices(IReadOnlyList<string> classes) => new(classes, true);

    /// <summary>Classes from the distinct label texts in order of first occurrence, ordered as the in-memory mode orders them.</summary>
    public static CsvLabels FromTexts(IReadOnlyList<string> distinct, bool numeric) => new(
        numeric
            ? distinct.Select(t => (Text: t, Value: CsvTable.TryParse(t, out var v) ? v : double.NaN)).GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => g.First().Text).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray(),
        false);

    public static CsvLabels Known(IReadOnlyList<string> classes) => new(classes, false);

    /// <summary>The target value of <paramref name="text"/>; <paramref name="where"/> names the file and row in a message.</summary>
    public float Encode(string text, string where)
    {
        if (Classes is null)
        {
            return CsvTable.TryParse(text, out var value)
                ? (float)value
                : throw new DatasetException($"{where}: the label '{text}' is not a number, so it cannot be a regression target.");
        }

        if (indices)
        {
            if (CsvTable.TryParse(text, out var v) && v == Math.Floor(v) && v >= 0 && v < Classes.Count)
            {
                return (float)v;
            }

            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"{where}: label '{text}' is not a class index below {Classes.Count}."));
        }

        if (byText.TryGetValue(text, out var c) || (CsvTable.TryParse(text, out var number) && byValue.TryGetValue(number, out c)))
        {
            return c;
        }

        throw new DatasetException($"{where}: class '{text}' does not occur in the training data ({string.Join(", ", Classes)}).");
    }
}
