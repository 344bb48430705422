using System.Text.Json;
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
        state.Value.GetRawText().Should().NotContain("_step");
    }

    [Fact]
    public void A_checkpoint_with_the_earlier_pair_form_still_resumes()
    {
        var uninterrupted = new LearningCurves();
        var context = new FakeTrainerContext();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            Epoch(uninterrupted, context, epoch);
        }

        // What checkpoint.json held before the packed form, for the same three epochs.
        using var earlier = JsonDocument.Parse("""
            {"accuracy":{"train":[],"validation":[[1,0.1],[2,0.2],[3,0.30000000000000004]]},
             "loss":{"train":[[1,1],[2,"NaN"],[3,0.3333333333333333]],"validation":[[1,1.5],[2,0.75],[3,0.5]]}}
            """);
        var resumed = new LearningCurves();
        resumed.LoadState(earlier.RootElement);

        resumed.SaveState()!.Value.GetRawText().Should().Be(uninterrupted.SaveState()!.Value.GetRawText());
    }

    [Fact]
    public void A_run_without_epochs_keeps_no_state()
    {
        new LearningCurves().SaveState().Should().BeNull();
    }
}
