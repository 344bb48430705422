using System.Globalization;

namespace Crucible.Host.Plots;

/// <summary>
/// Draws one learning curve with ScottPlot: a metric per epoch, the training split against the
/// validation split, so over- and underfitting show at a glance.
/// </summary>
internal static class LearningCurveChart
{
    public const int Width = 800;

    public const int Height = 500;

    /// <summary>Up to this many points a series also marks each epoch; beyond, the line alone reads better.</summary>
    private const int MarkedPoints = 60;

    /// <summary>Training in blue, validation in orange (matplotlib's first two colours, as TensorBoard and MLflow users know them).</summary>
    public static readonly ScottPlot.Color Train = ScottPlot.Color.FromHex("#1f77b4");

    public static readonly ScottPlot.Color Validation = ScottPlot.Color.FromHex("#ff7f0e");

    /// <summary>Writes the chart of <paramref name="metric"/> as a PNG file at <paramref name="path"/>.</summary>
    /// <param name="metric">The metric without split prefix (<c>loss</c>, <c>accuracy</c>).</param>
    /// <param name="train">Epoch and value on the training split; may be empty.</param>
    /// <param name="validation">Epoch and value on the validation split; may be empty.</param>
    /// <param name="path">The PNG file to write; null draws it into memory only.</param>
    public static void Save(string metric, IReadOnlyList<(int Epoch, double Value)> train, IReadOnlyList<(int Epoch, double Value)> validation, string? path)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        using var plot = new ScottPlot.Plot();
        Add(plot, train, $"train_{metric}", Train);
        Add(plot, validation, $"val_{metric}", Validation);
        var all = train.Concat(validation).Where(p => double.IsFinite(p.Value)).ToList();
        if (train.Count > 0 && validation.Count > 0 && BestEpoch(metric, validation) is { } best)
        {
            var line = plot.Add.VerticalLine(best.Epoch, 1, ScottPlot.Color.FromHex("#7f7f7f"), ScottPlot.LinePattern.Dotted);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"best val_{metric} {best.Value:G4} (epoch {best.Epoch})");
        }

        if (all.Count > 0 && all.Max(p => p.Epoch) == all.Min(p => p.Epoch))
        {
            // One epoch: give the lone points some room instead of a zero-width axis.
            plot.Axes.SetLimitsX(all[0].Epoch - 1, all[0].Epoch + 1);
        }

        plot.XLabel("Epoch");
        plot.YLabel(metric);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Learning curve: {metric}"), 16);
        plot.ShowLegend(LowerIsBetter(metric) ? ScottPlot.Alignment.UpperRight : ScottPlot.Alignment.LowerRight);
        if (path is null)
        {
            _ = plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
            return;
        }

        plot.SavePng(path, Width, Height);
    }

    /// <summary>Draws a small chart into memory: loads the drawing library, its fonts and the PNG encoder.</summary>
    public static void WarmUp() => Save("loss", [(1, 1.0), (2, 0.5)], [(1, 1.5), (2, 0.75)], path: null);

    /// <summary>Losses and errors fall as a model learns; accuracies, F1, AUC and R² rise.</summary>
    public static bool LowerIsBetter(string metric) =>
        metric.Contains("loss", StringComparison.Ordinal) || metric.Contains("error", StringComparison.Ordinal)
        || metric is "mae" or "mse" or "rmse" or "perplexity";

    private static (int Epoch, double Value)? BestEpoch(string metric, IReadOnlyList<(int Epoch, double Value)> series)
    {
        var finite = series.Where(p => double.IsFinite(p.Value)).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        return LowerIsBetter(metric) ? finite.MinBy(p => p.Value) : finite.MaxBy(p => p.Value);
    }

    private static void Add(ScottPlot.Plot plot, IReadOnlyList<(int Epoch, double Value)> points, string label, ScottPlot.Color color)
    {
        if (points.Count == 0)
        {
            return;
        }

        var drawn = Envelope(points, Width);
        var scatter = plot.Add.Scatter(drawn.Select(p => (double)p.Epoch).ToArray(), drawn.Select(p => p.Value).ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = points.Count <= MarkedPoints ? 5 : 0;
    }

    /// <summary>
    /// The points a line of <paramref name="columns"/> pixels can show: beyond two per column, each
    /// column's lowest and highest point (in epoch order) and any NaN or infinite one. The drawn line
    /// looks the same, and a curve of thousands of epochs renders as fast as one of hundreds.
    /// </summary>
    internal static IReadOnlyList<(int Epoch, double Value)> Envelope(IReadOnlyList<(int Epoch, double Value)> points, int columns)
    {
        if (points.Count <= 2 * columns)
        {
            return points;
        }

        var kept = new List<(int Epoch, double Value)>(2 * columns);
        var keep = new SortedSet<int>();
        var start = 0;
        for (var column = 0; column < columns; column++)
        {
            var end = (int)((long)points.Count * (column + 1) / columns);
            int? low = null, high = null;
            for (var i = start; i < end; i++)
            {
                var value = points[i].Value;
                if (!double.IsFinite(value))
                {
                    keep.Add(i);
                    continue;
                }

                if (low is null || value < points[low.Value].Value)
                {
                    low = i;
                }

                if (high is null || value > points[high.Value].Value)
                {
                    high = i;
                }
            }

            if (low is { } l)
            {
                keep.Add(l);
                keep.Add(high!.Value);
            }

            kept.AddRange(keep.Select(i => points[i]));
            keep.Clear();
            start = end;
        }

        return kept;
    }
}
