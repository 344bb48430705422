using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Abstractions;
using Crucible.Host.Plots;
using Crucible.Torch;

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

    private Task? warmUp;

    /// <summary>The metrics seen so far, without split prefix (<c>loss</c>, <c>accuracy</c>, ...).</summary>
    public IReadOnlyCollection<string> Metrics => series.Keys;

    /// <summary>
    /// The first chart of a process loads the drawing library and its fonts (0.15 s); when training
    /// leaves a core idle, that happens beside the first epochs instead of after the last.
    /// </summary>
    public void OnFitStart(ITrainerContext context)
    {
        if (warmUp is null && torch.NumThreads < Environment.ProcessorCount)
        {
            warmUp = Task.Run(LearningCurveChart.WarmUp);
        }
    }

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

        try
        {
            warmUp?.Wait();
        }
        catch (AggregateException)
        {
            // A failed warm-up changes nothing: the charts below load what they need themselves.
        }

        var directory = Path.Combine(context.OutputDirectory, ArtifactFolder);
        Directory.CreateDirectory(directory);
        var charts = series.Select(s => (s.Key, s.Value.Train, s.Value.Validation, Path: Path.Combine(directory, $"learning_curve_{FileName(s.Key)}.png"))).ToList();

        // Training is over: the charts are drawn on every core (each into its own plot), then recorded in order.
        Parallel.ForEach(charts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c => LearningCurveChart.Save(c.Key, c.Train, c.Validation, c.Path));
        foreach (var chart in charts)
        {
            context.LogArtifact(chart.Path, ArtifactFolder);
        }
    }

    /// <summary>
    /// Each series as its epochs (int32) and values (float64), little-endian, base64: a checkpoint
    /// carries every point so far, and formatting them as JSON numbers at every checkpoint cost more
    /// than the training itself on runs of thousands of short epochs. Bit-exact, NaN included.
    /// </summary>
    public JsonElement? SaveState() => series.Count == 0
        ? null
        : JsonSerializer.SerializeToElement(
            series.ToDictionary(s => s.Key, s => new PackedCurve(PackedSeries.Of(s.Value.Train), PackedSeries.Of(s.Value.Validation)), StringComparer.Ordinal),
            StateJson);

    public void LoadState(JsonElement state)
    {
        series.Clear();
        foreach (var metric in state.EnumerateObject())
        {
            series[metric.Name] = IsPacked(metric.Value) ? FromPacked(metric.Value) : FromPairs(metric.Value);
        }
    }

    private static bool IsPacked(JsonElement curve) =>
        curve.ValueKind == JsonValueKind.Object && curve.TryGetProperty("train", out var train) && train.ValueKind == JsonValueKind.Object;

    private static (List<(int, double)> Train, List<(int, double)> Validation) FromPacked(JsonElement curve)
    {
        var packed = curve.Deserialize<PackedCurve>(StateJson) ?? throw new TrainingException("The checkpoint's learning-curve state is empty.");
        return (packed.Train.Points(), packed.Validation.Points());
    }

    /// <summary>Checkpoints written before the packed form: <c>[epoch, value]</c> pairs per split.</summary>
    private static (List<(int, double)> Train, List<(int, double)> Validation) FromPairs(JsonElement curve)
    {
        var pairs = curve.Deserialize<PairCurve>(StateJson) ?? throw new TrainingException("The checkpoint's learning-curve state is empty.");
        return ([.. pairs.Train.Select(p => ((int)p[0], p[1]))], [.. pairs.Validation.Select(p => ((int)p[0], p[1]))]);
    }

    private sealed record PairCurve(double[][] Train, double[][] Validation);

    private sealed record PackedCurve(PackedSeries Train, PackedSeries Validation);

    /// <summary>One split's points: base64 of the epochs as little-endian int32 and of the values as little-endian float64.</summary>
    private sealed record PackedSeries(string Epochs, string Values)
    {
        public static PackedSeries Of(List<(int Epoch, double Value)> points)
        {
            var epochs = new int[points.Count];
            var values = new double[points.Count];
            for (var i = 0; i < points.Count; i++)
            {
                (epochs[i], values[i]) = points[i];
            }

            return new PackedSeries(Convert.ToBase64String(MemoryMarshal.AsBytes(epochs.AsSpan())), Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan())));
        }

        public List<(int, double)> Points()
        {
            var epochs = MemoryMarshal.Cast<byte, int>(Convert.FromBase64String(Epochs));
            var values = MemoryMarshal.Cast<byte, double>(Convert.FromBase64String(Values));
            if (epochs.Length != values.Length)
            {
                throw new TrainingException($"The checkpoint's learning curve has {epochs.Length} epochs but {values.Length} values.");
            }

            var points = new List<(int, double)>(epochs.Length);
            for (var i = 0; i < epochs.Length; i++)
            {
                points.Add((epochs[i], values[i]));
            }

            return points;
        }
    }

    private static string FileName(string metric) =>
        string.Concat(metric.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
}
