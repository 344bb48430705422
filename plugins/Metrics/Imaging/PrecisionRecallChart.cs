using System.Globalization;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Imaging;

/// <summary>
/// Draws a binary classifier's precision-recall curve, with the base rate (the precision of
/// predicting every sample positive) as the reference line.
/// </summary>
internal static class PrecisionRecallChart
{
    /// <summary>Writes the chart of <paramref name="curves"/> as a PNG file at <paramref name="path"/>.</summary>
    public static void Save(BinaryCurves curves, string split, string path)
    {
        ArgumentNullException.ThrowIfNull(curves);
        using var plot = new ScottPlot.Plot();
        var baseRate = (double)curves.Positives / System.Math.Max(1, curves.Positives + curves.Negatives);
        var reference = plot.Add.Line(0, baseRate, 1, baseRate);
        reference.LineColor = ChartStyle.Reference;
        reference.LinePattern = ScottPlot.LinePattern.Dashed;
        reference.LegendText = string.Create(CultureInfo.InvariantCulture, $"base rate ({baseRate:F3})");

        // Precision holds between thresholds, so the curve is a staircase stepping down at each recall.
        var curve = plot.Add.ScatterLine(curves.TruePositiveRate, curves.Precision, ChartStyle.Curve);
        curve.LineWidth = 2;
        curve.ConnectStyle = ScottPlot.ConnectStyle.StepVertical;
        curve.LegendText = string.Create(CultureInfo.InvariantCulture, $"model (AP {curves.AveragePrecision():F3})");
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.XLabel("Recall");
        plot.YLabel("Precision");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Precision-recall curve ({split})"), 14);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        plot.SavePng(path, ChartStyle.CurveSize, ChartStyle.CurveSize);
    }
}
