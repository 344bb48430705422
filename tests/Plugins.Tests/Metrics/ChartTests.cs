using Crucible.Abstractions;
using Crucible.Plugins.Metrics.Imaging;
using Crucible.Plugins.Metrics.Math;
using Crucible.Plugins.Metrics.Plugins;
using Crucible.Torch;
using SkiaSharp;

namespace Crucible.Plugins.Tests.Metrics;

/// <summary>The pictures the metrics record: decoded and checked by their pixels, not by a snapshot.</summary>
public sealed class ChartTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("crucible-charts-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Binary_curves_step_through_each_distinct_score_highest_first()
    {
        // scikit-learn: roc_curve(drop_intermediate=False) and average_precision_score give these.
        var curves = BinaryCurves.From([0.8f, 0.5f, 0.4f, 0.1f], [1, 0, 1, 0]);
        curves.FalsePositiveRate.Should().Equal(0, 0, 0.5, 0.5, 1);
        curves.TruePositiveRate.Should().Equal(0, 0.5, 0.5, 1, 1);
        curves.Precision.Should().Equal(1, 1, 0.5, 2.0 / 3, 0.5);
        curves.AveragePrecision().Should().BeApproximately(0.5 + (0.5 * 2 / 3), 1e-12);
        curves.Defined.Should().BeTrue();
    }

    [Fact]
    public void Tied_scores_cross_the_threshold_together()
    {
        var curves = BinaryCurves.From([0.7f, 0.7f, 0.2f], [1, 0, 1]);
        curves.FalsePositiveRate.Should().Equal(0, 1, 1);
        curves.TruePositiveRate.Should().Equal(0, 0.5, 1);
        BinaryCurves.From([0.1f, 0.2f], [1, 1]).Defined.Should().BeFalse();
    }

    [Fact]
    public void Confusion_matrix_chart_shades_cells_by_row_fraction_and_writes_counts()
    {
        // Row "cat": 40 of 40 right; row "dog": 20 right, 20 wrong.
        var predicted = Enumerable.Repeat(0L, 40).Concat(Enumerable.Repeat(0L, 20)).Concat(Enumerable.Repeat(1L, 20)).ToArray();
        var truth = Enumerable.Repeat(0L, 40).Concat(Enumerable.Repeat(1L, 40)).ToArray();
        var m = ConfusionMatrix.From(predicted, truth, 2);
        var path = Path.Combine(dir, "cm.png");
        ConfusionMatrixChart.Save(m, ["cat", "dog"], "test", path);

        using var bitmap = SKBitmap.Decode(path);
        bitmap.Width.Should().BeGreaterThanOrEqualTo(2 * ConfusionMatrixChart.CellPixels(2));
        bitmap.Height.Should().BeGreaterThanOrEqualTo(2 * ConfusionMatrixChart.CellPixels(2));
        var colours = Colours(bitmap);

        // The full cell is the darkest shade, the half cells the middle one, the empty cell white;
        // each shaded cell fills a good part of a cell's area (not just an antialiased edge).
        var cellArea = ConfusionMatrixChart.CellPixels(2) * ConfusionMatrixChart.CellPixels(2);
        colours.GetValueOrDefault(Rgb(ChartStyle.Shade(1))).Should().BeGreaterThan(cellArea / 2);
        colours.GetValueOrDefault(Rgb(ChartStyle.Shade(0.5))).Should().BeGreaterThan(cellArea);

        // The counts are drawn: white ink on the dark cell ("40"), black ink elsewhere.
        CountInside(bitmap, Rgb(ChartStyle.Shade(1)), (255, 255, 255)).Should().BeGreaterThan(10, "the count 40 is written in white on the dark cell");
        CountInside(bitmap, Rgb(ChartStyle.Shade(0.5)), (0, 0, 0)).Should().BeGreaterThan(10, "the count 20 is written in black on the half cells");
    }

    [Fact]
    public void Roc_auc_metric_draws_roc_and_precision_recall_curves()
    {
        using var m = new RocAucMetric().Create(new ClassificationOptions(), Context());
        using var scope = torch.NewDisposeScope();
        m.Update(torch.Tensor<float>([2f, 1f, 0.5f, -1f, -2f, 0.2f], [6, 1]), torch.Tensor<long>([1L, 1L, 0L, 0L, 0L, 1L]));
        m.Compute();
        var files = m.WriteArtifacts(dir, "val");
        files.Select(Path.GetFileName).Should().Equal("roc_curve_val.png", "precision_recall_val.png");
        foreach (var file in files)
        {
            using var bitmap = SKBitmap.Decode(file);
            bitmap.Width.Should().Be(ChartStyle.CurveSize);
            bitmap.Height.Should().Be(ChartStyle.CurveSize);
            Colours(bitmap).GetValueOrDefault(Rgb(ChartStyle.Curve)).Should().BeGreaterThan(ChartStyle.CurveSize, "the curve is drawn in its colour");
        }
    }

    [Fact]
    public void Roc_auc_metric_draws_nothing_when_one_class_is_absent()
    {
        using var m = new RocAucMetric().Create(new ClassificationOptions(), Context());
        using var scope = torch.NewDisposeScope();
        m.Update(torch.Tensor<float>([2f, 1f], [2, 1]), torch.Tensor<long>([1L, 1L]));
        m.Compute();
        m.WriteArtifacts(dir, "val").Should().BeEmpty();
    }

    private static MetricContext Context() => new()
    {
        Dataset = new DatasetMetadata { Name = "t", FeatureShape = [2], TaskKind = TaskKind.Classification, NumClasses = 2, OutputSize = 1 },
    };

    private static (byte, byte, byte) Rgb(ScottPlot.Color c) => (c.R, c.G, c.B);

    private static Dictionary<(byte, byte, byte), int> Colours(SKBitmap bitmap)
    {
        var counts = new Dictionary<(byte, byte, byte), int>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                var key = (p.Red, p.Green, p.Blue);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    /// <summary>Pixels of colour <paramref name="ink"/> inside the bounding box of the pixels of colour <paramref name="fill"/>.</summary>
    private static int CountInside(SKBitmap bitmap, (byte, byte, byte) fill, (byte, byte, byte) ink)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if ((p.Red, p.Green, p.Blue) == fill)
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                }
            }
        }

        var count = 0;
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                count += (p.Red, p.Green, p.Blue) == ink ? 1 : 0;
            }
        }

        return count;
    }
}
