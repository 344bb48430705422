using System.Globalization;
using System.Text.Json;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// A run's test split in the data's raw units, from its <c>predictions/test.csv</c>, written as a CSV
/// with the logged model's column names, plus the targets: what a user feeds <c>crucible predict</c>
/// and <c>crucible serve</c> to check the run's recorded test metrics.
/// </summary>
internal sealed record TestSplitFile(string Path, IReadOnlyList<string> Header, IReadOnlyList<double[]> Inputs, IReadOnlyList<double[]> Targets, IReadOnlyList<string>? ClassNames)
{
    public static TestSplitFile Write(RecordedRun run, string path)
    {
        var model = System.IO.Path.Combine(run.ArtifactsDirectory, "model");
        using var preprocessing = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(model, "preprocessing.json")));
        var features = preprocessing.RootElement.GetProperty("featureNames").EnumerateArray().Select(e => e.GetString()!).ToList();
        var classes = preprocessing.RootElement.TryGetProperty("classNames", out var c) ? c.EnumerateArray().Select(e => e.GetString()!).ToList() : null;
        var lines = File.ReadAllLines(System.IO.Path.Combine(run.ArtifactsDirectory, "predictions", "test.csv"));
        var header = lines[0].Split(',');
        var inputColumns = header.Select((h, i) => (h, i)).Where(p => p.h.StartsWith("input_", StringComparison.Ordinal)).Select(p => p.i).ToList();
        var targetColumns = header.Select((h, i) => (h, i)).Where(p => p.h.StartsWith("target", StringComparison.Ordinal)).Select(p => p.i).ToList();
        inputColumns.Should().HaveCount(features.Count, "test.csv shows every input column");
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var inputs = rows.Select(r => inputColumns.Select(i => r[i]).ToArray()).ToList();
        var targets = rows.Select(r => targetColumns.Select(i => r[i]).ToArray()).ToList();
        File.WriteAllLines(path, [string.Join(',', features), .. inputs.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))]);
        return new TestSplitFile(path, features, inputs, targets, classes);
    }

    /// <summary>Accuracy of predicted class names against the targets' class indices.</summary>
    public double Accuracy(IReadOnlyList<string> predicted)
    {
        predicted.Should().HaveCount(Targets.Count);
        return predicted.Select((p, i) => ClassNames!.ToList().IndexOf(p) == (int)Targets[i][0] ? 1.0 : 0.0).Average();
    }

    /// <summary>Root mean squared error of predicted values against the targets (all outputs).</summary>
    public double Rmse(IReadOnlyList<double[]> predicted)
    {
        predicted.Should().HaveCount(Targets.Count);
        return Math.Sqrt(predicted.SelectMany((p, i) => p.Select((v, j) => (v - Targets[i][j]) * (v - Targets[i][j]))).Average());
    }
}
