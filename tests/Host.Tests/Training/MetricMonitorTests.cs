using Crucible.Host.Configuration;
using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

public class MetricMonitorTests
{
    [Fact]
    public void Min_mode_counts_only_drops_larger_than_min_delta_as_improvements()
    {
        var monitor = new MetricMonitor("val_loss", MonitorMode.Min, minDelta: 0.1);

        monitor.Update(1, 1.0).Should().BeTrue();
        monitor.Update(2, 0.95).Should().BeFalse("0.05 is within the minimum delta");
        monitor.Update(3, 0.85).Should().BeTrue();

        monitor.Best.Should().Be(0.85);
        monitor.BestEpoch.Should().Be(3);
        monitor.EpochsWithoutImprovement.Should().Be(0);
    }

    [Fact]
    public void Max_mode_improves_upwards_and_nan_never_improves()
    {
        var monitor = new MetricMonitor("val_accuracy", MonitorMode.Max);

        monitor.Update(1, double.NaN).Should().BeFalse();
        monitor.Update(2, 0.5).Should().BeTrue();
        monitor.Update(3, 0.4).Should().BeFalse();
        monitor.Update(4, double.NaN).Should().BeFalse();

        monitor.Best.Should().Be(0.5);
        monitor.EpochsWithoutImprovement.Should().Be(2);
    }

    [Fact]
    public void State_round_trips_so_a_resumed_run_decides_alike()
    {
        var original = new MetricMonitor("val_loss", MonitorMode.Min);
        original.Update(1, 0.5);
        original.Update(2, 0.7);

        var restored = new MetricMonitor("val_loss", MonitorMode.Min);
        restored.Restore(original.Save());

        restored.Update(3, 0.6).Should().Be(original.Update(3, 0.6));
        restored.Save().Should().Be(original.Save());
    }
}
