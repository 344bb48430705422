using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

[Collection(GlobalState.Name)]
public class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_improvement()
    {
        var stopping = new EarlyStopping(new MetricMonitor("val_loss", MonitorMode.Auto, minDelta: 0.01), patience: 2);
        var context = new FakeTrainerContext();
        double[] losses = [1.0, 0.8, 0.795, 0.9, 0.7];

        var stoppedAt = 0;
        foreach (var loss in losses)
        {
            context.Epoch++;
            context.Values["val_loss"] = loss;
            stopping.OnEpochEnd(context);
            if (context.StopRequested)
            {
                stoppedAt = context.Epoch;
                break;
            }
        }

        stoppedAt.Should().Be(4, "epochs 3 and 4 did not improve on 0.8 by more than 0.01");
        stopping.Monitor.BestEpoch.Should().Be(2);
        context.StopReason.Should().Contain("val_loss").And.Contain("epoch 2");
    }

    [Fact]
    public void A_metric_the_run_does_not_record_fails_with_the_recorded_names()
    {
        var stopping = new EarlyStopping(new MetricMonitor("val_accuracy", MonitorMode.Auto), patience: 1);
        var context = new FakeTrainerContext { Epoch = 1 };
        context.Values["train_loss"] = 1;

        var act = () => stopping.OnEpochEnd(context);

        act.Should().Throw<TrainingException>().WithMessage("*val_accuracy*train_loss*");
    }

    [Theory]
    [InlineData("val_loss", "Min")]
    [InlineData("val_accuracy", "Max")]
    [InlineData("val_f1_macro", "Max")]
    [InlineData("val_rmse", "Min")]
    [InlineData("val_r2", "Max")]
    public void Auto_mode_follows_the_metric_name(string metric, string expected) =>
        MetricMonitor.Resolve(metric, MonitorMode.Auto).ToString().Should().Be(expected);
}
