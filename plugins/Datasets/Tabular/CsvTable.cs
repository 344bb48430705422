using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>Samples read from a CSV file, with the names of their columns and classes.</summary>
/// <param name="Samples">The features and labels or targets.</param>
/// <param name="FeatureNames">One name per feature column (<c>column3</c> when the file has no names).</param>
/// <param name="LabelName">The label column's name.</param>
/// <param name="ClassNames">Class names by index, for classification; null for regression.</param>
internal sealed record CsvTable(SampleSet Samples, IReadOnlyList<string> FeatureNames, string LabelName, IReadOnlyList<string>? ClassNames)
{
    /// <summary>
    /// Loads <paramref name="path"/>. <paramref name="knownClasses"/> fixes the class order (the
    /// training file's) when a separate validation or test file is read.
    /// </summary>
    public static CsvTable Load(string path, CsvReadOptions options, IReadOnlyList<string>? knownClasses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new CrucibleException($"The CSV file '{path}' does not exist.");
        }

        var rows = CsvText.ReadFile(path, options.Delimiter);
        if (rows.Count == 0)
        {
            throw new CrucibleException($"The CSV file '{path}' is empty.");
        }

        List<string[]>? targetRows = null;
        if (options.TargetFile is not null)
        {
            if (!File.Exists(options.TargetFile))
            {
                throw new CrucibleException($"The target file '{options.TargetFile}' does not exist.");
            }

            targetRows = CsvText.ReadFile(options.TargetFile, options.Delimiter);
        }

        return FromRows(rows, options, knownClasses, path, targetRows);
    }

    /// <summary>Builds the table from parsed rows; <paramref name="source"/> names them in messages.</summary>
    public static CsvTable FromRows(
        IReadOnlyList<string[]> rows,
        CsvReadOptions options,
        IReadOnlyList<string>? knownClasses,
        string source,
        IReadOnlyList<string[]>? targetRows = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var header = options.Header == HeaderKind.Auto ? DetectHeader(rows) : options.Header;
        string[]? names = null;
        IReadOnlyList<string>? sklearnClasses = null;
        var dataStart = 0;
        switch (header)
        {
            case HeaderKind.Names:
                names = rows[0];
                dataStart = 1;
                break;
            case HeaderKind.Sklearn:
                sklearnClasses = rows[0].Length > 2 ? rows[0][2..] : null;
                dataStart = 1;
                break;
            default:
                break;
        }

        var data = rows.Skip(dataStart).ToList();
        if (data.Count == 0)
        {
            throw new CrucibleException($"'{source}' has a header but no data rows.");
        }

        var width = data[0].Length;
        for (var r = 0; r < data.Count; r++)
        {
            if (data[r].Length != width)
            {
                throw new CrucibleException(
                    $"'{source}' line {r + dataStart + 1} has {data[r].Length} fields but the first data line has {width}; check the delimiter ('{options.Delimiter}').");
            }
        }

        names ??= Enumerable.Range(0, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}")).ToArray();
        int? labelColumn = null;
        if (targetRows is null)
        {
            labelColumn = options.Label is null ? width - 1 : ResolveColumns(options.Label, names, source).Single();
        }
        else if (options.Label is not null)
        {
            throw new CrucibleException($"'{source}': give either a label column or a target file, not both.");
        }

        var featureColumns = options.Features is null
            ? Enumerable.Range(0, width).Where(c => c != labelColumn).ToArray()
            : options.Features.SelectMany(f => ResolveColumns(f, names, source)).ToArray();
        if (featureColumns.Length == 0)
        {
            throw new CrucibleException($"'{source}': no feature columns were selected.");
        }

        if (labelColumn is int lc && featureColumns.Contains(lc))
        {
            throw new CrucibleException($"'{source}': the label column '{names[lc]}' is also selected as a feature.");
        }

        var features = new float[data.Count * featureColumns.Length];
        for (var r = 0; r < data.Count; r++)
        {
            for (var f = 0; f < featureColumns.Length; f++)
            {
                var text = data[r][featureColumns[f]];
                if (!TryParse(text, out var value))
                {
                    throw new CrucibleException(
                        $"'{source}' line {r + dataStart + 1}, column '{names[featureColumns[f]]}': '{text}' is not a number (only labels may be categorical).");
                }

                features[(r * featureColumns.Length) + f] = (float)value;
            }
        }

        var labelTexts = targetRows is null
            ? data.Select(row => row[labelColumn!.Value]).ToList()
            : targetRows.Select(row => row[0]).ToList();
        if (labelTexts.Count != data.Count)
        {
            throw new CrucibleException($"'{source}' has {data.Count} rows but the target file has {labelTexts.Count}.");
        }

        var labelName = labelColumn is int l ? names[l] : "target";
        var numeric = labelTexts.All(t => TryParse(t, out _));
        var classify = options.LabelKind switch
        {
            LabelKind.Classification => true,
            LabelKind.Regression => false,
            _ => !numeric || sklearnClasses is not null,
        };

        var featureNames = featureColumns.Select(c => names[c]).ToArray();
        var shape = new[] { featureColumns.Length };
        if (!classify)
        {
            if (!numeric)
            {
                var bad = labelTexts.First(t => !TryParse(t, out _));
                throw new CrucibleException($"'{source}': the label '{bad}' is not a number, so it cannot be a regression target; use classification.");
            }

            var targets = labelTexts.Select(t => (float)Number(t)).ToArray();
            return new CsvTable(new SampleSet(features, shape, null, targets, 1), featureNames, labelName, null);
        }

        var (labels, classes) = EncodeClasses(labelTexts, numeric, sklearnClasses, knownClasses, source);
        return new CsvTable(new SampleSet(features, shape, labels, null, 0), featureNames, labelName, classes);
    }

    /// <summary>
    /// scikit-learn's header is <c>n_samples,n_features,class names...</c> where both counts match
    /// the file and the class names are not numbers; a first line with any non-numeric field names columns; otherwise it is data.
    /// </summary>
    internal static HeaderKind DetectHeader(IReadOnlyList<string[]> rows)
    {
        var first = rows[0];
        if (rows.Count > 1 && first.Length >= 2
            && int.TryParse(first[0], NumberStyles.None, CultureInfo.InvariantCulture, out var samples)
            && int.TryParse(first[1], NumberStyles.None, CultureInfo.InvariantCulture, out var featureCount)
            && samples == rows.Count - 1
            && featureCount == rows[1].Length - 1
            && (first.Length != rows[1].Length || first.Skip(2).All(f => !TryParse(f, out _))))
        {
            return HeaderKind.Sklearn;
        }

        return first.All(f => TryParse(f, out _)) ? HeaderKind.None : HeaderKind.Names;
    }

    private static (long[] Labels, IReadOnlyList<string> Classes) EncodeClasses(
        List<string> texts,
        bool numeric,
        IReadOnlyList<string>? sklearnClasses,
        IReadOnlyList<string>? knownClasses,
        string source)
    {
        var labels = new long[texts.Count];
        if (sklearnClasses is not null && numeric)
        {
            // The column holds indices into the header's class names.
            for (var i = 0; i < texts.Count; i++)
            {
                var v = Number(texts[i]);
                var index = (long)v;
                if (index != v || index < 0 || index >= sklearnClasses.Count)
                {
                    throw new CrucibleException($"'{source}': label '{texts[i]}' is not a class index below {sklearnClasses.Count}.");
                }

                labels[i] = index;
            }

            return (labels, sklearnClasses);
        }

        IReadOnlyList<string> classes = knownClasses ?? (numeric
            ? texts.Distinct(StringComparer.Ordinal).Select(t => (Text: t, Value: Number(t)))
                .GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => g.First().Text).ToArray()
            : texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
        var index2 = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
        {
            index2[classes[c]] = c;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var key = texts[i];
            if (!index2.TryGetValue(key, out var c) && numeric)
            {
                // "1" and "1.0" are the same class.
                var v = Number(key);
                c = -1;
                for (var k = 0; k < classes.Count; k++)
                {
                    if (TryParse(classes[k], out var kv) && kv == v)
                    {
                        c = k;
                        break;
                    }
                }

                if (c < 0)
                {
                    throw new CrucibleException($"'{source}': class '{key}' does not occur in the training data ({string.Join(", ", classes)}).");
                }
            }
            else if (!index2.ContainsKey(key))
            {
                throw new CrucibleException($"'{source}': class '{key}' does not occur in the training data ({string.Join(", ", classes)}).");
            }

            labels[i] = c;
        }

        return (labels, classes);
    }

    internal static IEnumerable<int> ResolveColumns(string selector, string[] names, string source)
    {
        var exact = Array.IndexOf(names, selector);
        if (exact >= 0)
        {
            return [exact];
        }

        var colon = selector.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var start = colon == 0 ? 0 : ParseIndex(selector[..colon], names, source, selector, allowEnd: false);
            var end = colon == selector.Length - 1 ? names.Length : ParseIndex(selector[(colon + 1)..], names, source, selector, allowEnd: true);
            if (end <= start)
            {
                throw new CrucibleException($"'{source}': the column range '{selector}' is empty.");
            }

            return Enumerable.Range(start, end - start);
        }

        return [ParseIndex(selector, names, source, selector, allowEnd: false)];
    }

    private static int ParseIndex(string text, string[] names, string source, string selector, bool allowEnd)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            var near = names.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(3).ToArray();
            var hint = near.Length > 0 ? $" Did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?" : string.Empty;
            throw new CrucibleException($"'{source}' has no column '{selector}'. Columns: {string.Join(", ", names)}.{hint}");
        }

        var resolved = index < 0 ? names.Length + index : index;
        if (resolved < 0 || resolved > names.Length || (resolved == names.Length && !allowEnd))
        {
            throw new CrucibleException($"'{source}': column index {index} is out of range; the file has {names.Length} columns.");
        }

        return resolved;
    }

    /// <summary>The value of text already known to be numeric.</summary>
    private static double Number(string text) => TryParse(text, out var value) ? value : double.NaN;

    internal static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
