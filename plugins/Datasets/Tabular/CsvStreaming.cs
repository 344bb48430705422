using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>
/// The <c>csv</c> dataset's streaming mode, for files larger than memory: the file's rows are found
/// through a cached byte-offset index (<see cref="CsvRowIndex"/>), one streaming pass over the rows
/// collects the classes and fits the scaling on the training rows, and each split is a source the
/// trainer's loader reads row by row. The splits (the same seeded shuffle) and values are those of the
/// in-memory mode; the standardization is fitted in one pass (Welford), equal to the in-memory fit to
/// float precision. The digest hashes the file's SHA-256 with the preprocessing, never the data in memory.
/// </summary>
internal static class CsvStreaming
{
    private const int MaxDistinctLabels = 65_536;

    public static LoadedDataset Load(CsvDatasetOptions options, DatasetContext context)
    {
        var path = options.Path;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new DatasetException($"streaming reads rows by byte offset, so it needs an uncompressed file, but '{path}' is gzip-compressed; decompress it or set streaming to false.");
        }

        if (options.TargetPath is not null || options.ValidationPath is not null || options.TestPath is not null)
        {
            throw new DatasetException("with streaming, the label is a column of the one file and the validation and test parts are split off it (validationFraction, testFraction); targetPath, validationPath and testPath need streaming false.");
        }

        if (DataFiles.Problem(path) is { } problem)
        {
            throw new DatasetException($"The CSV file '{path}' {problem}.");
        }

        var records = new CsvRecords(path, options.Delimiter, context.CacheDirectory);
        try
        {
            return Build(options, context, records);
        }
        catch
        {
            records.Dispose();
            throw;
        }
    }

    private static LoadedDataset Build(CsvDatasetOptions options, DatasetContext context, CsvRecords records)
    {
        var path = records.Path;
        if (records.Count == 0)
        {
            throw new DatasetException($"The CSV file '{path}' is empty.");
        }

        var header = options.Header == HeaderKind.Auto ? CsvTable.DetectHeader(new FirstRows(records)) : options.Header;
        var first = records.Fields(0);
        var (names, sklearnClasses, dataStart) = header switch
        {
            HeaderKind.Names => (first, null, 1),
            HeaderKind.Sklearn => ((string[]?)null, first.Length > 2 ? first[2..] : null, 1),
            _ => ((string[]?)null, (IReadOnlyList<string>?)null, 0),
        };
        var count = records.Count - dataStart;
        if (count == 0)
        {
            throw new DatasetException($"'{path}' has a header but no data rows.");
        }

        var width = records.Fields(dataStart).Length;
        names ??= Enumerable.Range(0, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}")).ToArray();
        var labelColumn = options.Label is null ? width - 1 : CsvTable.ResolveColumns(options.Label, names, path).Single();
        var featureColumns = options.Features is null
            ? Enumerable.Range(0, width).Where(c => c != labelColumn).ToArray()
            : options.Features.SelectMany(f => CsvTable.ResolveColumns(f, names, path)).ToArray();
        if (featureColumns.Length == 0)
        {
            throw new DatasetException($"'{path}': no feature columns were selected.");
        }

        if (featureColumns.Contains(labelColumn))
        {
            throw new DatasetException($"'{path}': the label column '{names[labelColumn]}' is also selected as a feature.");
        }

        var seed = SeedDerivation.ToInt32(context.Seed);
        var split = SplitIndices.Create(checked((int)count), options.ValidationFraction, options.TestFraction, seed);
        var training = new BitArray(checked((int)count));
        foreach (var r in split.Train)
        {
            training[r] = true;
        }

        // One streaming pass: every row's label (numeric? which classes?), the training rows' features and targets.
        var featureFit = new StreamingScalerFit(featureColumns.Length, options.Scaling);
        var targetKind = options.Scaling == Scaling.None ? Scaling.Standardize : options.Scaling;
        var targetFit = new StreamingScalerFit(1, targetKind);
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var numeric = true;
        string? firstNonNumeric = null;
        var row = new float[featureColumns.Length];
        for (long r = 0; r < count; r++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var record = dataStart + r;
            var fields = records.Fields(record);
            var where = string.Create(CultureInfo.InvariantCulture, $"'{path}' row {record + 1}");
            if (fields.Length != width)
            {
                throw new DatasetException($"{where} has {fields.Length} fields but the first data row has {width}; check the delimiter ('{options.Delimiter}').");
            }

            var label = fields[labelColumn];
            var isNumber = CsvTable.TryParse(label, out var labelValue);
            if (!isNumber && numeric)
            {
                numeric = false;
                firstNonNumeric = label;
            }

            if (distinct.Count <= MaxDistinctLabels && seen.Add(label))
            {
                distinct.Add(label);
            }

            if (!training[(int)r])
            {
                continue;
            }

            for (var f = 0; f < featureColumns.Length; f++)
            {
                var text = fields[featureColumns[f]];
                row[f] = CsvTable.TryParse(text, out var value)
                    ? (float)value
                    : throw new DatasetException($"{where}, column '{names[featureColumns[f]]}': '{text}' is not a number (only labels may be categorical).");
            }

            featureFit.Add(row);
            if (isNumber)
            {
                targetFit.Add([(float)labelValue]);
            }
        }

        var classify = options.Task switch
        {
            LabelKind.Classification => true,
            LabelKind.Regression => false,
            _ => !numeric || sklearnClasses is not null,
        };
        if (!classify && !numeric)
        {
            throw new DatasetException($"'{path}': the label '{firstNonNumeric}' is not a number, so it cannot be a regression target; use classification.");
        }

        if (classify && distinct.Count > MaxDistinctLabels && !(sklearnClasses is not null && numeric))
        {
            throw new DatasetException($"'{path}': the label column '{names[labelColumn]}' holds more than {MaxDistinctLabels} distinct values; is it a regression target (task: regression)?");
        }

        var labels = !classify ? CsvLabels.Regression()
            : sklearnClasses is not null && numeric ? CsvLabels.SklearnIndices(sklearnClasses)
            : CsvLabels.FromTexts(distinct, numeric);
        var classes = labels.Classes;
        if (options.SingleBinaryOutput && classes?.Count != 2)
        {
            throw new DatasetException($"Dataset '{options.DatasetName ?? FileNames.Stem(path)}': a single binary output needs two classes, but there are {classes?.Count ?? 0}.");
        }

        var scaler = options.Scaling == Scaling.None ? null : featureFit.Scaler();
        var targetScaler = options.ScaleTargets && !classify ? targetFit.Scaler() : null;
        CsvSource? Source(int[] indices) => indices.Length == 0 ? null
            : new CsvSource(records, indices.Select(i => (long)dataStart + i).ToArray(), width, featureColumns, labelColumn, names, scaler, labels, targetScaler);

        var name = options.DatasetName ?? FileNames.Stem(path);
        var featureNames = featureColumns.Select(c => names[c]).ToArray();
        var metadata = new DatasetMetadata
        {
            Name = name,
            Source = path,
            Digest = Digest(records.Digest, header, featureColumns, labelColumn, classify, options, seed, scaler, targetScaler, classes),
            Schema = SchemaJson.Describe(featureNames, names[labelColumn], classes),
            FeatureShape = [featureColumns.Length],
            TaskKind = classify ? TaskKind.Classification : TaskKind.Regression,
            NumClasses = classes?.Count ?? 0,
            OutputSize = classify ? (options.SingleBinaryOutput ? 1 : classes!.Count) : 1,
            ClassNames = classes,
            FeatureScaling = DatasetAssembler.ToScaling(scaler),
            TargetScaling = DatasetAssembler.ToScaling(targetScaler),
        };
        context.Logger.LogDatasetLoaded(name, split.Train.Length, split.Validation.Length, split.Test.Length);
        return new LoadedDataset
        {
            TrainSource = Source(split.Train) ?? throw new DatasetException($"Dataset '{name}' has no training samples."),
            ValidationSource = Source(split.Validation),
            TestSource = Source(split.Test),
            Metadata = metadata,
        };
    }

    private static string Digest(string file, HeaderKind header, int[] features, int label, bool classify, CsvDatasetOptions options, int seed, ColumnScaler? scaler, ColumnScaler? targetScaler, IReadOnlyList<string>? classes)
    {
        static string Numbers(ColumnScaler? s) => s is null ? "none" : string.Join(",", s.Offset.Concat(s.Scale).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"csv-streaming|{file}|{header}|{string.Join(",", features)}|{label}|{classify}|{options.SingleBinaryOutput}|{seed}|{options.ValidationFraction:R}|{options.TestFraction:R}|{Numbers(scaler)}|{Numbers(targetScaler)}|{string.Join("\u001f", classes ?? [])}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The first rows for header detection, parsed on demand, and the number of records.</summary>
    private sealed class FirstRows(CsvRecords records) : IReadOnlyList<string[]>
    {
        public int Count => (int)Math.Min(records.Count, int.MaxValue);

        public string[] this[int index] => records.Fields(index);

        public IEnumerator<string[]> GetEnumerator() => throw new NotSupportedException("Header detection reads the first rows only.");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
