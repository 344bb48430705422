using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;
using Crucible.Plugins.Datasets.Tabular;

namespace Crucible.Plugins.Datasets.Sequences;

/// <summary>
/// Sliding windows over a time series for recurrent models: features [N, window, columns], targets
/// [N, targets]. It also computes the naive last-value forecast's test RMSE (in the data's units),
/// recorded as <c>baseline_test_rmse</c>, the number a model must beat. With <c>difference</c>, the
/// model forecasts changes, and its errors equal those of the level forecasts they imply.
/// </summary>
[Plugin("sequence", Description = "Sliding windows over a univariate or multivariate time series, split in time, with a naive last-value baseline.")]
public sealed class SequenceDataset : IDataset<SequenceDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(SequenceDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var rows = CsvText.ReadFile(options.Path, options.Delimiter);
            if (rows.Count == 0)
            {
                throw new DatasetException($"The series file '{options.Path}' is empty.");
            }

            var header = options.Header == HeaderKind.Auto ? CsvTable.DetectHeader(rows) : options.Header;
            var names = header == HeaderKind.Names ? rows[0] : Enumerable.Range(0, rows[0].Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}")).ToArray();
            var data = header is HeaderKind.Names or HeaderKind.Sklearn ? rows.Skip(1).ToList() : rows;
            var columns = options.Columns?.Select(c => Column(c, names, options.Path)).ToArray()
                ?? Enumerable.Range(0, names.Length).Where(c => data.All(r => IsNumber(r[c]))).ToArray();
            if (columns.Length == 0)
            {
                throw new DatasetException($"'{options.Path}' has no numeric column to use as a series.");
            }

            var series = data.Select((row, t) => columns.Select(c => Value(row, c, t, names, options.Path)).ToArray()).ToList();
            var targets = options.Targets?.Select(n => Array.IndexOf(columns, Column(n, names, options.Path))).ToArray();
            if (targets is not null && targets.Any(t => t < 0))
            {
                throw new DatasetException($"Every target column must also be one of the columns ({string.Join(", ", columns.Select(c => names[c]))}).");
            }

            var result = SlidingWindows.Create(series, options.Window, options.Horizon, targets, options.ValidationFraction, options.TestFraction, options.Scaling, options.Difference);
            var targetIndices = targets ?? Enumerable.Range(0, columns.Length).ToArray();
            var targetScaling = options.Scaling == Scaling.None
                ? null
                : new ColumnScaling(targetIndices.Select(t => result.Scaler.Offset[t]).ToArray(), targetIndices.Select(t => result.Scaler.Scale[t]).ToArray());
            var name = options.DatasetName ?? FileNames.Stem(options.Path);
            var baselines = new Dictionary<string, double>(StringComparer.Ordinal);
            if (result.NaiveTest is not null)
            {
                var rmse = NaiveRmse(result.NaiveTest, result.Splits.Test!.Targets!, targetIndices.Length, targetScaling);
                baselines["baseline_test_rmse"] = rmse;
                context.Logger.LogBaseline(name, "naive last-value forecast test RMSE", rmse);
            }

            var assembler = new DatasetAssembler
            {
                Name = name,
                Source = options.Path,
                FeatureScaling = DatasetAssembler.ToScaling(result.Scaler),
                TargetScaling = targetScaling,
                Baselines = baselines,
                Schema = SchemaJson.Describe(columns.Select(c => names[c]).ToArray(), string.Join("+", targetIndices.Select(t => names[columns[t]])), null),
            };
            context.Logger.LogDatasetLoaded(name, result.Splits.Train.Count, result.Splits.Validation?.Count ?? 0, result.Splits.Test?.Count ?? 0);
            return assembler.Build(result.Splits, context.Device);
        }
        catch (CrucibleException e) when (e is not DatasetException)
        {
            throw new DatasetException(e.Message, e);
        }
    }

    /// <summary>The RMSE of the naive forecast, in the data's units.</summary>
    internal static double NaiveRmse(float[] naive, float[] truth, int width, ColumnScaling? scaling)
    {
        double sum = 0;
        for (var i = 0; i < naive.Length; i++)
        {
            var c = i % width;
            var p = scaling?.Invert(naive[i], c) ?? naive[i];
            var t = scaling?.Invert(truth[i], c) ?? truth[i];
            sum += (p - t) * (p - t);
        }

        return Math.Sqrt(sum / naive.Length);
    }

    private static int Column(string selector, string[] names, string source)
    {
        var index = Array.IndexOf(names, selector);
        if (index >= 0)
        {
            return index;
        }

        if (int.TryParse(selector, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && i >= -names.Length && i < names.Length)
        {
            return i < 0 ? names.Length + i : i;
        }

        throw new DatasetException($"'{source}' has no column '{selector}'. Columns: {string.Join(", ", names)}.");
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float Value(string[] row, int column, int step, string[] names, string source)
    {
        if (!double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new DatasetException($"'{source}' step {step}, column '{names[column]}': '{row[column]}' is not a number.");
        }

        return (float)v;
    }
}
