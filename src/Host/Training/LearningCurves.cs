using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Host.Plots;

namespace Crucible.Host.Training;

/// <summary>
/// Records every epoch's metrics and, when fitting ends, draws one learning curve per metric (loss
/// and each metric, training against validation) as the run's <c>plots/learning_curve_*.png</c>.
/// A callback like any other: the loop knows nothing about plots. The points are its checkpointed
/// state, so the curves of a resumed run cover every epoch, the ones before the resume included.
/// </summary>
internal sealed class LearningCurves : ITrainingCallback
{
    public const string ArtifactFolder = "plots";

    private static readonly string[] Splits = ["train_", "val_"];

    /// <summary>NaN and infinite losses are points of a curve too; they survive the round trip as named literals.</summary>
    private static readonly JsonSerializerOptions StateJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly SortedDictionary<string, (List<(int, double)> Train, List<(int, double)> Validation)> series = new(StringComparer.Ordinal);

    /// <summary>The metrics seen so far, without split prefix (<c>loss</c>, <c>accuracy</c>, ...).</summary>
    public IReadOnlyCollection<string> Metrics => series.Keys;

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (key, value) in context.Metrics)
        {
            var prefix = Splits.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal));

            // Per-step series (train_loss_step) have their own axis in MLflow's charts.
            if (prefix is null || key.EndsWith("_step", StringComparison.Ordinal))
            {
                continue;
            }

            var metric = key[prefix.Length..];
            if (!series.TryGetValue(metric, out var s))
            {
                s = ([], []);
                series[metric] = s;
            }

            (prefix == "train_" ? s.Train : s.Validation).Add((context.Epoch, value));
        }
    }

    public void OnFitEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (series.Count == 0)
        {
            return;
        }

        var directory = Path.Combine(context.OutputDirectory, ArtifactFolder);
        Directory.CreateDirectory(directory);
        foreach (var (metric, (train, validation)) in series)
        {
            var path = Path.Combine(directory, $"learning_curve_{FileName(metric)}.png");
            LearningCurveChart.Save(metric, train, validation, path);
            context.LogArtifact(path, ArtifactFolder);
        }
    }

    public JsonElement? SaveState() => series.Count == 0
        ? null
        : JsonSerializer.SerializeToElement(
            series.ToDictionary(s => s.Key, s => new Curve(Points(s.Value.Train), Points(s.Value.Validation)), StringComparer.Ordinal),
            StateJson);

    public void LoadState(JsonElement state)
    {
        var curves = state.Deserialize<Dictionary<string, Curve>>(StateJson) ?? throw new TrainingException("The checkpoint's learning-curve state is empty.");
        series.Clear();
        foreach (var (metric, curve) in curves)
        {
            series[metric] = ([.. curve.Train.Select(p => ((int)p[0], p[1]))], [.. curve.Validation.Select(p => ((int)p[0], p[1]))]);
        }
    }

    private static double[][] Points(List<(int Epoch, double Value)> points) => [.. points.Select(p => new[] { p.Epoch, p.Value })];

    /// <summary>One metric's points in a checkpoint: <c>[epoch, value]</c> pairs per split.</summary>
    private sealed record Curve(double[][] Train, double[][] Validation);

    private static string FileName(string metric) =>
        string.Concat(metric.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
}
