using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary><c>crucible run</c> as a user runs it: a process, an experiment file, a fresh <c>./mlruns</c>.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_run_records_params_metrics_inputs_tags_and_artifacts_and_finishes()
    {
        var experiment = TinyExperiment.Classification(epochs: 3);
        experiment["tracking"]!["tags"] = new JsonObject { ["owner"] = "integration", ["apiToken"] = "do-not-record" };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");

        run.Params.Should().Contain("optimizer.lr", "0.05")
            .And.Contain("model.hidden", "[8]")
            .And.Contain("training.epochs", "3")
            .And.Contain("dataset.kind", "linear");
        run.Tags.Should().Contain("owner", "integration");
        run.Tags["apiToken"].Should().Be("***");
        run.Tags.Should().ContainKeys("crucible.version", "crucible.libtorch", "crucible.dotnet", "mlflow.runName");
        run.Tags["crucible.device"].Should().Be("cpu");

        run.History("epoch").Should().Equal([1, 2, 3], "the epoch is recorded as its own metric");
        var epochEnds = run.Metrics["epoch"].Select(p => p.Step).ToList();
        epochEnds.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.OnlyContain(step => step > 0, "the step axis is the global optimizer step");
        foreach (var key in new[] { "train_loss", "val_loss", "train_mae", "val_mae", "lr" })
        {
            run.Metrics[key].Select(p => p.Step).Should().Equal(epochEnds, $"{key} is recorded once per epoch, at the step the epoch ended");
        }

        run.Metrics["test_loss"].Single().Step.Should().Be(epochEnds[^1], "test metrics share the step axis");

        run.History("lr").Should().AllSatisfy(lr => lr.Should().Be(0.05));
        run.Metrics.Should().ContainKeys("test_loss", "test_mae");
        run.History("test_mae").Single().Should().BePositive();

        run.Artifacts.Should().Contain(
        [
            "experiment.json",
            "model.safetensors",
            "crucible.log",
            "model/model-summary.txt",
            "checkpoints/last/checkpoint.json",
            "checkpoints/last/model.safetensors",
            "checkpoints/last/optimizer.safetensors",
            "checkpoints/last/rng.safetensors",
            "checkpoints/best/checkpoint.json",
        ]);
        using (var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "checkpoints", "last", "checkpoint.json"))))
        {
            checkpoint.RootElement.GetProperty("epoch").GetInt32().Should().Be(3);
        }

        File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "crucible.log")).Should().Contain("Epoch 3/3");

        run.Datasets.Should().NotBeEmpty();
        result.StandardOutput.Should().Contain("Epoch 1/3").And.Contain("Epoch 3/3").And.Contain("val_loss=");
    }

    [Fact]
    public async Task Two_runs_of_the_same_experiment_on_cpu_record_bit_identical_metrics()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 3));

        var first = await workspace.RunAsync("run", file);
        var second = await workspace.RunAsync("run", file);

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        var runs = RecordedRun.All(workspace.MlRuns);
        runs.Should().HaveCount(2);
        MetricValues(runs[1]).Should().BeEquivalentTo(MetricValues(runs[0]), o => o.WithStrictOrdering());
        File.ReadAllBytes(Path.Combine(runs[1].ArtifactsDirectory, "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(runs[0].ArtifactsDirectory, "model.safetensors")), "the same seed gives the same weights");
    }

    [Fact]
    public async Task A_resumed_run_ends_bit_identical_to_an_uninterrupted_run()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 4));
        using var other = new Workspace();
        var reference = await other.RunAsync("run", TinyExperiment.WriteTo(other, TinyExperiment.Classification(epochs: 4)));
        reference.ExitCode.Should().Be(0, reference.ToString());

        var partial = await workspace.RunAsync("run", file, "--set", "training.epochs=2");
        partial.ExitCode.Should().Be(0, partial.ToString());
        var runId = RecordedRun.Single(workspace.MlRuns).RunId;
        var resumed = await workspace.RunAsync("run", file, "--resume", runId);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.StandardOutput.Should().Contain("Epoch 3/4").And.NotContain("Epoch 1/4");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        var expected = RecordedRun.Single(other.MlRuns);
        foreach (var key in new[] { "train_loss", "val_loss", "train_mae", "val_mae", "lr" })
        {
            run.History(key).Should().Equal(expected.History(key), $"{key} must continue exactly where the uninterrupted run went");
        }

        run.History("test_loss")[^1].Should().Be(expected.History("test_loss")[^1]);
        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(expected.ArtifactsDirectory, "model.safetensors")));

        // The learning curves cover every epoch, the two before the resume included: the same picture as the uninterrupted run's.
        foreach (var curve in new[] { "plots/learning_curve_loss.png", "plots/learning_curve_mae.png" })
        {
            File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, curve))
                .Should().Equal(File.ReadAllBytes(Path.Combine(expected.ArtifactsDirectory, curve)), $"{curve} of the resumed run draws epochs 1-4");
        }
    }

    [Fact]
    public async Task Ctrl_c_ends_the_run_killed_with_exit_130_and_resume_completes_it_identically()
    {
        // The fixture gate holds training after epoch 2 until its file exists or a stop is requested,
        // so the signal lands mid-run however slow or loaded the machine is.
        const int Epochs = 6;
        var file = TinyExperiment.WriteTo(workspace, Gated(TinyExperiment.Classification(epochs: Epochs), Path.Combine(workspace.Root, "gate-open")));
        using var other = new Workspace();
        other.Write("gate-open", string.Empty);
        var reference = await other.RunAsync("run", TinyExperiment.WriteTo(other, Gated(TinyExperiment.Classification(epochs: Epochs), Path.Combine(other.Root, "gate-open"))));
        reference.ExitCode.Should().Be(0, reference.ToString());

        using (var process = Cli.Start(workspace.Root, "run", file))
        {
            (await process.WaitForOutputAsync("fixture-gate: waiting after epoch 2")).Should().BeTrue("training must reach the gate after epoch 2");
            process.Interrupt();
            var interrupted = await process.WaitAsync();
            interrupted.ExitCode.Should().Be(130, interrupted.ToString());
            interrupted.StandardOutput.Should().NotContain($"Epoch 3/{Epochs}");
        }

        var killed = RecordedRun.Single(workspace.MlRuns);
        killed.Status.Should().Be("KILLED");
        killed.Tags.Should().ContainKey("crucible.stop_reason");
        killed.Artifacts.Should().Contain("checkpoints/last/checkpoint.json");
        killed.History("train_loss").Should().HaveCount(2, "epochs 1 and 2 ended before the signal, epoch 3 never started");

        var resumed = await workspace.RunAsync("run", file, "--resume", killed.RunId);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.StandardOutput.Should().Contain($"Epoch 3/{Epochs}").And.NotContain($"Epoch 2/{Epochs}");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        var expected = RecordedRun.Single(other.MlRuns);
        run.History("train_loss").Should().Equal(expected.History("train_loss"));
        run.History("val_mae").Should().Equal(expected.History("val_mae"));
        run.History("test_loss")[^1].Should().Be(expected.History("test_loss")[^1]);
    }

    [Fact]
    public async Task A_failing_run_is_recorded_failed_with_its_error_on_stderr_and_exits_1()
    {
        var experiment = TinyExperiment.Classification(epochs: 3);
        experiment["callbacks"] = new JsonArray(new JsonObject { ["name"] = "fixture-fail", ["atEpoch"] = 2 });
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardError.Should().Contain("fixture failure at the end of epoch 2", "errors go to stderr");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FAILED");
        run.Tags["crucible.error"].Should().Contain("fixture failure at the end of epoch 2");
        run.Artifacts.Should().Contain(["error.txt", "crucible.log"]);
        run.History("train_loss").Should().HaveCount(2, "the epochs before the failure were recorded");
    }

    [Fact]
    public async Task The_threads_tag_shows_the_thread_count_actually_used()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 1));

        var result = await workspace.RunAsync("run", file, "--threads", "1");

        result.ExitCode.Should().Be(0, result.ToString());
        RecordedRun.Single(workspace.MlRuns).Tags["crucible.threads"].Should().Be("1");
    }

    [Fact]
    public async Task Early_stopping_stops_and_restores_the_best_weights()
    {
        var experiment = TinyExperiment.Classification(epochs: 40);
        experiment["training"]!["earlyStopping"] = new JsonObject { ["monitor"] = "val_loss", ["patience"] = 2, ["minDelta"] = 1e6 };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.History("train_loss").Should().HaveCount(3, "no epoch improves val_loss by 1e6 after the first, so patience 2 stops after epoch 3");
        run.Tags["crucible.stopped_early"].Should().Contain("val_loss");
        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "checkpoints", "best", "model.safetensors")), "the best checkpoint's weights (by training.checkpoint.monitor) are restored");
    }

    private static JsonObject Gated(JsonObject experiment, string gateFile)
    {
        experiment["callbacks"] = new JsonArray(new JsonObject { ["name"] = "fixture-gate", ["afterEpoch"] = 2, ["openWhenExists"] = gateFile });
        return experiment;
    }

    // System metrics (system/*) sample the machine, not the training: they differ between any two runs.
    private static Dictionary<string, double[]> MetricValues(RecordedRun run) =>
        run.Metrics.Where(m => !m.Key.StartsWith("system/", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => m.Value.Select(p => p.Value).ToArray(), StringComparer.Ordinal);
}
