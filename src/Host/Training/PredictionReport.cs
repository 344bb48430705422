using System.Globalization;
using System.Text;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// For a small test split (the course's truth tables, a handful of heights), the model's predictions
/// next to the inputs and targets: written as <c>predictions/test.csv</c> and, for a few rows,
/// printed. Larger splits are summarized by their metrics only.
/// </summary>
internal static class PredictionReport
{
    /// <summary>Test splits up to this many samples get a predictions file.</summary>
    public const int MaxRows = 1000;

    /// <summary>Up to this many rows are also printed.</summary>
    public const int MaxPrintedRows = 16;

    private const int MaxFeatureColumns = 32;

    /// <summary>Writes the CSV and returns its path and the lines to print, or null when the split is too large.</summary>
    public static (string Path, IReadOnlyList<string> Lines)? Write(Trainer trainer, DataSplit test, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(test);
        if (test.Count is 0 or > MaxRows)
        {
            return null;
        }

        using var scope = torch.NewDisposeScope();
        // Shown in the data's own units (174 cm, not its standardized value): scaling undone.
        var metadata = trainer.Dataset;
        var outputs = Unscale(Rows(trainer.Predict(test.Features)), metadata.TaskKind == TaskKind.Regression ? metadata.TargetScaling : null);
        var features = Unscale(Rows(test.Features), metadata.FeatureScaling);
        var targets = Unscale(Rows(test.Targets), metadata.TaskKind == TaskKind.Regression ? metadata.TargetScaling : null);
        var showFeatures = features[0].Length <= MaxFeatureColumns;

        var csv = new StringBuilder();
        var header = new List<string>();
        if (showFeatures)
        {
            header.AddRange(Enumerable.Range(0, features[0].Length).Select(i => $"input_{i}"));
        }

        header.AddRange(Enumerable.Range(0, targets[0].Length).Select(i => targets[0].Length == 1 ? "target" : $"target_{i}"));
        header.AddRange(Enumerable.Range(0, outputs[0].Length).Select(i => outputs[0].Length == 1 ? "output" : $"output_{i}"));
        csv.AppendLine(string.Join(',', header));
        var lines = new List<string>();
        for (var r = 0; r < outputs.Length; r++)
        {
            var cells = new List<string>();
            if (showFeatures)
            {
                cells.AddRange(features[r].Select(Format));
            }

            cells.AddRange(targets[r].Select(Format));
            cells.AddRange(outputs[r].Select(Format));
            csv.AppendLine(string.Join(',', cells));
            if (r < MaxPrintedRows)
            {
                var input = showFeatures ? $"[{string.Join(", ", features[r].Select(Format))}] " : string.Empty;
                lines.Add($"{input}target [{string.Join(", ", targets[r].Select(Format))}] -> output [{string.Join(", ", outputs[r].Select(Format))}]");
            }
        }

        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, "test.csv");
        File.WriteAllText(path, csv.ToString());
        return (path, lines);
    }

    private static double[][] Rows(Tensor tensor)
    {
        var n = tensor.Shape[0];
        var flat = tensor.Detach().To(Device.Cpu).To(ScalarType.Float64).Reshape([n, -1]).Contiguous();
        var width = flat.Shape[1];
        var values = flat.ToArray<double>();
        return Enumerable.Range(0, (int)n).Select(r => values.AsSpan((int)(r * width), (int)width).ToArray()).ToArray();
    }

    /// <summary>Maps scaled values back to raw units; column c of a row uses scaling column c modulo its width (windows repeat the columns).</summary>
    private static double[][] Unscale(double[][] rows, ColumnScaling? scaling)
    {
        if (scaling is null || scaling.Offset.Count == 0 || rows.Length == 0 || rows[0].Length % scaling.Offset.Count != 0)
        {
            return rows;
        }

        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = scaling.Invert(row[c], c % scaling.Offset.Count);
            }
        }

        return rows;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
