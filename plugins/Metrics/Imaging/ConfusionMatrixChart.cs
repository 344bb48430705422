using System.Globalization;
using Crucible.Plugins.Metrics.Math;

namespace Crucible.Plugins.Metrics.Imaging;

/// <summary>
/// Draws a confusion matrix as a heat map with ScottPlot: one square cell per (true row, predicted
/// column), shaded by the fraction of the row's samples it holds, every count written in its cell,
/// class names on both axes (true classes top to bottom, as the CSV reads).
/// </summary>
internal static class ConfusionMatrixChart
{
    /// <summary>Pixels per cell: roomy for a few classes, smaller for many, never below legible.</summary>
    public static int CellPixels(int classes) => classes <= 4 ? 110 : System.Math.Max(36, 640 / classes);

    /// <summary>Writes the chart of <paramref name="matrix"/> as a PNG file at <paramref name="path"/>.</summary>
    public static void Save(ConfusionMatrix matrix, IReadOnlyList<string> classNames, string split, string path)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(classNames);
        var n = matrix.Classes;
        var cell = CellPixels(n);
        var longestName = classNames.Max(c => c.Length);
        using var plot = new ScottPlot.Plot();
        var countFont = System.Math.Clamp(cell * 0.3f, 10, 24);
        for (var t = 0; t < n; t++)
        {
            long rowTotal = 0;
            for (var p = 0; p < n; p++)
            {
                rowTotal += matrix[t, p];
            }

            // Row t is drawn at y = n - 1 - t so the first class is at the top.
            var y = n - 1 - t;
            for (var p = 0; p < n; p++)
            {
                var fraction = rowTotal == 0 ? 0 : (double)matrix[t, p] / rowTotal;
                var rectangle = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                rectangle.FillColor = ChartStyle.Shade(fraction);
                rectangle.LineColor = ScottPlot.Color.FromHex("#c8c8c8");
                rectangle.LineWidth = 1;
                var count = plot.Add.Text(matrix[t, p].ToString(CultureInfo.InvariantCulture), p, y);
                count.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                count.LabelFontSize = countFont;
                count.LabelBold = t == p;
                count.LabelFontColor = fraction > 0.5 ? ScottPlot.Colors.White : ScottPlot.Colors.Black;
            }
        }

        var bottom = new ScottPlot.TickGenerators.NumericManual();
        var left = new ScottPlot.TickGenerators.NumericManual();
        for (var c = 0; c < n; c++)
        {
            bottom.AddMajor(c, classNames[c]);
            left.AddMajor(n - 1 - c, classNames[c]);
        }

        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = left;
        // About 7 pixels a character at the tick labels' size: names wider than a cell are slanted,
        // and the axis is made tall enough that they stay clear of its title.
        var namePixels = System.Math.Min(longestName, 24) * 7;
        if (namePixels > cell - 8)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (namePixels * 0.71f) + 45;
        }

        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.XLabel("Predicted class");
        plot.YLabel("True class");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Confusion matrix ({split}, {matrix.Total} samples, accuracy {100 * matrix.Accuracy():F1}%)"), 14);

        // The data area is n cells square; the margins hold the labels and the title.
        var labelRoom = 90 + (System.Math.Min(longestName, 24) * 7);
        var width = System.Math.Max(540, (n * cell) + labelRoom + 30);
        var height = (n * cell) + labelRoom + 40;
        plot.SavePng(path, width, height);
    }
}
