using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;
using Crucible.Plugins.Datasets.Sequences;

namespace Crucible.Plugins.Tests.Datasets;

public class SlidingWindowsTests
{
    private static float[][] Series(params float[] values) => values.Select(v => new[] { v }).ToArray();

    [Fact]
    public void Windows_pair_consecutive_steps_with_the_step_after_the_horizon()
    {
        var r = SlidingWindows.Create(Series(1, 2, 3, 4, 5, 6), window: 2, horizon: 2, null, 0, 0, Scaling.None);
        var train = r.Splits.Train;
        train.Count.Should().Be(3);
        train.FeatureShape.Should().Equal(2, 1);
        train.Features.Should().Equal(1, 2, 2, 3, 3, 4);
        train.Targets.Should().Equal(4, 5, 6);
    }

    [Fact]
    public void Test_windows_come_last_and_the_scaler_never_sees_test_targets()
    {
        // 10 steps, window 3: 7 samples, 2 for test (targets at steps 8 and 9, values 80 and 90).
        var values = Enumerable.Range(0, 10).Select(i => (float)(i * 10)).ToArray();
        var r = SlidingWindows.Create(Series(values), window: 3, horizon: 1, null, 0, 2.0 / 7, Scaling.MinMax);
        r.Splits.Train.Count.Should().Be(5);
        r.Splits.Test!.Count.Should().Be(2);

        // The last training target is step 7 (70): min-max over steps 0..7 maps 70 to 1.
        r.Scaler.Offset.Should().Equal(0.0);
        r.Scaler.Scale.Should().Equal(70.0);
        r.Splits.Train.Targets![^1].Should().Be(1f);
        r.Scaler.Inverse(r.Splits.Test.Targets![0], 0).Should().BeApproximately(80, 1e-4);
        r.Scaler.Inverse(r.Splits.Test.Targets[1], 0).Should().BeApproximately(90, 1e-4);
    }

    [Fact]
    public void The_naive_forecast_is_the_last_value_of_each_test_window()
    {
        var r = SlidingWindows.Create(Series(1, 2, 3, 4, 5, 6, 7, 8), window: 2, horizon: 1, null, 0, 0.5, Scaling.None);
        r.Splits.Test!.Targets.Should().Equal(6, 7, 8);
        r.NaiveTest.Should().Equal(5, 6, 7);
    }

    [Fact]
    public void Multivariate_series_forecast_the_chosen_columns()
    {
        var series = new[] { new float[] { 1, 10 }, [2, 20], [3, 30], [4, 40] };
        var r = SlidingWindows.Create(series, window: 2, horizon: 1, [1], 0, 0, Scaling.None);
        r.Splits.Train.FeatureShape.Should().Equal(2, 2);
        r.Splits.Train.Features.Take(4).Should().Equal(1, 10, 2, 20);
        r.Splits.Train.Targets.Should().Equal(30, 40);
    }

    [Fact]
    public void A_series_too_short_for_the_window_is_reported()
    {
        var act = () => SlidingWindows.Create(Series(1, 2, 3), window: 3, horizon: 1, null, 0, 0, Scaling.None);
        act.Should().Throw<CrucibleException>().WithMessage("*too short*");
    }
}
