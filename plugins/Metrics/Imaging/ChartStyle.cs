namespace Crucible.Plugins.Metrics.Imaging;

/// <summary>What every chart the metrics draw shares: sizes, colours, fonts.</summary>
internal static class ChartStyle
{
    /// <summary>Pixels of a square curve chart (ROC, precision-recall).</summary>
    public const int CurveSize = 600;

    /// <summary>The curve's colour (ScottPlot's first category colour).</summary>
    public static readonly ScottPlot.Color Curve = ScottPlot.Color.FromHex("#1f77b4");

    /// <summary>Reference lines (chance, base rate).</summary>
    public static readonly ScottPlot.Color Reference = ScottPlot.Color.FromHex("#7f7f7f");

    /// <summary>White (0) to dark blue (1), the shade of a confusion matrix cell holding that fraction of its row.</summary>
    public static ScottPlot.Color Shade(double fraction)
    {
        var f = System.Math.Clamp(fraction, 0, 1);
        return new ScottPlot.Color((byte)(255 - (f * 247)), (byte)(255 - (f * 207)), (byte)(255 - (f * 148)));
    }
}
