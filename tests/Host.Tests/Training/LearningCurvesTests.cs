using Crucible.Host.Training;

namespace Crucible.Host.Tests.Training;

[Collection(GlobalState.Name)]
public class LearningCurvesTests
{
    private static void Epoch(LearningCurves curves, FakeTrainerContext context, int epoch)
    {
        context.Epoch = epoch;
        context.Values.Clear();
        context.Values["train_loss"] = epoch == 2 ? double.NaN : 1.0 / epoch;
        context.Values["val_loss"] = 1.5 / epoch;
        context.Values["val_accuracy"] = 0.1 * epoch;
        context.Values["train_loss_step"] = 9;
        curves.OnEpochEnd(context);
    }

    [Fact]
    public void A_resumed_run_continues_the_curves_from_the_checkpointed_points()
    {
        var uninterrupted = new LearningCurves();
        var context = new FakeTrainerContext();
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            Epoch(uninterrupted, context, epoch);
        }

        var before = new LearningCurves();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            Epoch(before, context, epoch);
        }

        var state = before.SaveState();
        state.Should().NotBeNull("a callback with points keeps them in the checkpoint");

        var resumed = new LearningCurves();
        resumed.LoadState(state!.Value);
        for (var epoch = 4; epoch <= 5; epoch++)
        {
            Epoch(resumed, context, epoch);
        }

        resumed.Metrics.Should().Equal("accuracy", "loss");
        resumed.SaveState()!.Value.GetRawText().Should().Be(uninterrupted.SaveState()!.Value.GetRawText(), "epochs 1-3 come from the checkpoint, 4-5 from the resumed run, a NaN loss included");
        state.Value.GetRawText().Should().Contain("\"NaN\"").And.NotContain("_step");
    }

    [Fact]
    public void A_run_without_epochs_keeps_no_state()
    {
        new LearningCurves().SaveState().Should().BeNull();
    }
}
