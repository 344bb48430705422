using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

public class LearningRateFinderTests
{
    [Fact]
    public void The_suggestion_is_the_rate_where_the_smoothed_loss_falls_fastest()
    {
        // Flat, then a slow descent, then the steepest drop between steps 30 and 32, then flat again.
        var lrs = Enumerable.Range(0, 50).Select(i => Math.Pow(10, -6 + (i / 10.0))).ToList();
        var losses = Enumerable.Range(0, 50).Select(i => i < 20 ? 2.0 : i < 30 ? 2.0 - (0.01 * (i - 20)) : i < 33 ? 1.9 - (0.5 * (i - 29)) : 0.4).ToList();

        LearningRateFinder.Suggest(lrs, losses).Should().Be(lrs[30], "NumPy's central difference is steepest at step 30: (0.9 - 1.91) / 2");
        LearningRateFinder.Suggest(lrs.Take(11).ToList(), losses.Take(11).ToList()).Should().BeNull("the first 10 and the last point are skipped, as Lightning does");
    }

    [Fact]
    public void The_curve_is_written_as_csv_one_line_per_step()
    {
        var csv = LearningRateFinder.ToCsv(new LrFindResult([1e-3, 1e-2], [2.5, 2.25], 1e-2));

        csv.Should().Be("step,lr,smoothed_loss\n0,0.001,2.5\n1,0.01,2.25\n");
    }
}
