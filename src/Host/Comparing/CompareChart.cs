using ScottPlot;

namespace Crucible.Host.Comparing;

/// <summary>The compared runs' metric curves (value by step) on one chart, written as PNG with ScottPlot.</summary>
internal static class CompareChart
{
    public static void Save(RunComparison comparison, string path, int width = 1000, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(path);
        var plot = new Plot();
        foreach (var run in comparison.Runs)
        {
            foreach (var metric in comparison.Metrics)
            {
                var points = run.Histories[metric].OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray());
                line.LegendText = comparison.Metrics.Count == 1 ? run.Label : $"{run.Label} {metric}";
                line.MarkerSize = points.Count == 1 ? 6 : 0;
                line.LineWidth = 2;
            }
        }

        plot.Title(comparison.Metrics.Count == 1 ? comparison.Metrics[0] : string.Join(", ", comparison.Metrics));
        plot.XLabel("step");
        plot.YLabel(comparison.Metrics.Count == 1 ? comparison.Metrics[0] : "value");
        plot.ShowLegend(Alignment.UpperRight);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }
}
