using System.Globalization;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary><c>crucible lr-find</c>: the range test through the real CLI, recorded in its own run.</summary>
public sealed class LrFindCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Lr_find_prints_a_suggestion_and_records_the_curve_in_its_own_run()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification());

        var result = await workspace.RunAsync("lr-find", file, "--min-lr", "1e-5", "--max-lr", "1", "--steps", "60");

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.Tags["mlflow.runName"].Should().Be("lr-find");
        run.Params.Should().Contain("lr_find.steps", "60").And.ContainKey("optimizer.lr");
        var lrs = run.History("lr_find_lr");
        lrs[0].Should().BeApproximately(1e-5, 1e-12);
        lrs.Should().BeInAscendingOrder();
        for (var i = 1; i < lrs.Count; i++)
        {
            (lrs[i] / lrs[i - 1]).Should().BeApproximately(Math.Pow(1e5, 1.0 / 59), 1e-9, "the rate grows exponentially");
        }

        run.History("lr_find_loss").Should().HaveCount(lrs.Count);
        var suggested = double.Parse(run.Tags["crucible.lr_find.suggested_lr"], CultureInfo.InvariantCulture);
        lrs.Should().Contain(suggested, "the suggestion is one of the rates tried");
        run.History("lr_find_suggested_lr").Should().Equal([suggested]);
        result.StandardOutput.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"Suggested learning rate: {suggested:G3}"));
        run.Artifacts.Should().Contain(["lr-find.csv", "plots/lr_find.png"]);
        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "plots", "lr_find.png")).Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var csv = File.ReadAllLines(Path.Combine(run.ArtifactsDirectory, "lr-find.csv"));
        csv[0].Should().Be("step,lr,smoothed_loss");
        csv.Should().HaveCount(lrs.Count + 1, "one line per step of the curve");
    }

    [Fact]
    public async Task Lr_find_stops_when_the_loss_diverges()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification());

        var result = await workspace.RunAsync("lr-find", file, "--min-lr", "1e-3", "--max-lr", "1e4", "--steps", "100");

        result.ExitCode.Should().Be(0, result.ToString());
        RecordedRun.Single(workspace.MlRuns).History("lr_find_lr").Count.Should().BeLessThan(100, "plain SGD diverges long before a rate of 1e4");
    }

    [Fact]
    public async Task Lr_find_composes_before_recording_a_bad_experiment_exits_2_and_records_nothing()
    {
        var experiment = TinyExperiment.Classification();
        // A valid file whose model gives 2 outputs for 1 target: only composing the run finds it.
        experiment["model"] = new JsonObject { ["name"] = "sequential", ["layers"] = new JsonArray(new JsonObject { ["type"] = "linear", ["out"] = 2 }) };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("lr-find", file);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.model").And.Contain("one forward and loss pass on a training batch failed").And.Contain("nothing was run or recorded");
        RecordedRun.All(workspace.MlRuns).Should().BeEmpty();
    }

    [Fact]
    public async Task Lr_find_with_bad_bounds_exits_2_and_records_nothing()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification());

        var result = await workspace.RunAsync("lr-find", file, "--min-lr", "1", "--max-lr", "0.1");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Output.Should().Contain("--min-lr");
        RecordedRun.All(workspace.MlRuns).Should().BeEmpty();
    }
}
