using System.Globalization;

namespace Crucible.Host.Plots;

/// <summary>
/// The learning-rate range test's curve with ScottPlot: the smoothed loss against the learning rate on
/// a log axis (as Lightning's <c>lr_finder.plot(suggest=True)</c> draws it), the suggested rate marked.
/// </summary>
internal static class LrFindChart
{
    public const int Width = 800;

    public const int Height = 500;

    /// <summary>Writes the chart as a PNG file at <paramref name="path"/>.</summary>
    /// <param name="learningRates">The rate of each step (positive, growing).</param>
    /// <param name="losses">The smoothed loss of each step.</param>
    /// <param name="suggestion">The suggested rate (one of <paramref name="learningRates"/>), or null.</param>
    /// <param name="path">The PNG file to write.</param>
    public static void Save(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, double? suggestion, string path)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(losses);
        using var plot = new ScottPlot.Plot();
        var finite = Enumerable.Range(0, losses.Count).Where(i => double.IsFinite(losses[i])).ToList();
        var line = plot.Add.Scatter(finite.Select(i => Math.Log10(learningRates[i])).ToArray(), finite.Select(i => losses[i]).ToArray());
        line.LegendText = "smoothed training loss";
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.Color = LearningCurveChart.Train;
        if (suggestion is { } lr && learningRates.ToList().IndexOf(lr) is var at and >= 0 && double.IsFinite(losses[at]))
        {
            var marker = plot.Add.Marker(Math.Log10(lr), losses[at], ScottPlot.MarkerShape.FilledCircle, 10, LearningCurveChart.Validation);
            marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"suggested learning rate {lr:G3}");
        }

        // Rates span decades: plot log10 of the rate and label the ticks as rates.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = x => string.Create(CultureInfo.InvariantCulture, $"1e{x:0}"),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        plot.XLabel("Learning rate (log scale)");
        plot.YLabel("Loss");
        plot.Title("Learning-rate range test", 16);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
