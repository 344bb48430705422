using Crucible.Host.Plots;

namespace Crucible.Host.Tests.Plots;

public class LearningCurveChartTests
{
    [Fact]
    public void A_short_curve_is_drawn_point_by_point()
    {
        var points = Enumerable.Range(1, 20).Select(e => (e, 1.0 / e)).ToList();

        LearningCurveChart.Envelope(points, columns: 10).Should().BeSameAs(points);
    }

    [Fact]
    public void A_long_curve_keeps_each_columns_lowest_and_highest_point_and_every_non_finite_one()
    {
        // 1,000 epochs over 10 columns: a sawtooth with one spike, one dip and one NaN.
        var points = Enumerable.Range(1, 1000).Select(e => (Epoch: e, Value: (double)(e % 7))).ToList();
        points[149] = (150, 100.0);
        points[650] = (651, -5.0);
        points[420] = (421, double.NaN);

        var drawn = LearningCurveChart.Envelope(points, columns: 10);

        drawn.Count.Should().Be(21, "two points for each of the 10 columns, and the NaN");
        drawn.Select(p => p.Epoch).Should().BeInAscendingOrder();
        drawn.Should().Contain((150, 100.0)).And.Contain((651, -5.0));
        drawn.Should().Contain(p => p.Epoch == 421 && double.IsNaN(p.Value));
        for (var column = 0; column < 10; column++)
        {
            var inColumn = points.Skip(column * 100).Take(100).Where(p => double.IsFinite(p.Value)).ToList();
            var kept = drawn.Where(p => p.Epoch > column * 100 && p.Epoch <= (column + 1) * 100 && double.IsFinite(p.Value)).ToList();
            kept.Min(p => p.Value).Should().Be(inColumn.Min(p => p.Value));
            kept.Max(p => p.Value).Should().Be(inColumn.Max(p => p.Value));
        }
    }
}
