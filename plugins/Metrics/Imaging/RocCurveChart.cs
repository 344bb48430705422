using System.Globalization;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Imaging;

/// <summary>Draws a binary classifier's ROC curve (true against false positive rate) with the chance diagonal.</summary>
internal static class RocCurveChart
{
    /// <summary>Writes the chart of <paramref name="curves"/> as a PNG file at <paramref name="path"/>.</summary>
    public static void Save(BinaryCurves curves, double auc, string split, string path)
    {
        ArgumentNullException.ThrowIfNull(curves);
        using var plot = new ScottPlot.Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = ChartStyle.Reference;
        chance.LinePattern = ScottPlot.LinePattern.Dashed;
        chance.LegendText = "chance (AUC 0.5)";
        var curve = plot.Add.ScatterLine(curves.FalsePositiveRate, curves.TruePositiveRate, ChartStyle.Curve);
        curve.LineWidth = 2;
        curve.LegendText = string.Create(CultureInfo.InvariantCulture, $"model (AUC {auc:F3})");
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.XLabel("False positive rate");
        plot.YLabel("True positive rate");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"ROC curve ({split}: {curves.Positives} positive, {curves.Negatives} negative)"), 14);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.SavePng(path, ChartStyle.CurveSize, ChartStyle.CurveSize);
    }
}
