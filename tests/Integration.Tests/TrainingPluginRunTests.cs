using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>
/// <c>crucible run</c> with the built-in scheduler and optimizer plugins: the rate the run records
/// per epoch follows the schedule, and L-BFGS trains through the trainer's closure step.
/// </summary>
public sealed class TrainingPluginRunTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_step_scheduler_halves_the_recorded_learning_rate_every_two_epochs()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 5), lr: 0.1);
        experiment["scheduler"] = new JsonObject { ["name"] = "step", ["stepSize"] = 2, ["gamma"] = 0.5 };

        var run = await RunAsync(experiment);

        // The rate in force during epoch e, after e - 1 scheduler steps.
        run.History("lr").Should().Equal([0.1, 0.1, 0.05, 0.05, 0.025], (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public async Task A_cosine_scheduler_without_tmax_anneals_over_the_whole_run()
    {
        const int Epochs = 4;
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: Epochs), lr: 0.1);
        experiment["scheduler"] = new JsonObject { ["name"] = "cosine", ["etaMin"] = 0.01 };

        var run = await RunAsync(experiment);

        var expected = Enumerable.Range(0, Epochs).Select(t => 0.01 + ((0.1 - 0.01) * (1 + Math.Cos(Math.PI * t / Epochs)) / 2));
        run.History("lr").Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public async Task A_sequential_warm_up_then_decay_is_stepped_per_batch_when_asked()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 3), lr: 0.1);
        experiment["scheduler"] = new JsonObject
        {
            ["name"] = "sequential",
            ["interval"] = "batch",
            ["schedulers"] = new JsonArray(
                new JsonObject { ["name"] = "linear", ["startFactor"] = 0.5, ["totalIters"] = 4 },
                new JsonObject { ["name"] = "exponential", ["gamma"] = 0.9 }),
            ["milestones"] = new JsonArray(4),
        };

        var run = await RunAsync(experiment);

        // 96 training samples in batches of 16: six steps per epoch, the first four warming up.
        run.History("lr").Should().Equal([0.05, 0.1 * Math.Pow(0.9, 2), 0.1 * Math.Pow(0.9, 8)], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public async Task Reduce_on_plateau_is_stepped_with_its_monitored_metric_after_each_epoch()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 4), lr: 0.1);

        // The recorded lr never rises, so watched in max mode every epoch after the first is a plateau.
        experiment["scheduler"] = new JsonObject { ["name"] = "reduce-on-plateau", ["monitor"] = "lr", ["mode"] = "max", ["patience"] = 0, ["factor"] = 0.5 };

        var run = await RunAsync(experiment);

        run.History("lr").Should().Equal([0.1, 0.1, 0.05, 0.025], (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public async Task Reduce_on_plateau_watching_val_loss_watches_train_loss_when_there_is_no_validation_split()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 3), lr: 0.1);
        experiment["training"]!["validationSplit"] = 0;
        experiment["scheduler"] = new JsonObject { ["name"] = "reduce-on-plateau", ["patience"] = 0 };

        var run = await RunAsync(experiment);

        run.Metrics.Should().NotContainKey("val_loss");
        run.History("lr").Should().HaveCount(3);
    }

    [Fact]
    public async Task An_invalid_nested_scheduler_is_reported_before_training_with_its_position()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 2), lr: 0.1);
        experiment["scheduler"] = new JsonObject
        {
            ["name"] = "chained",
            ["schedulers"] = new JsonArray("exponential", new JsonObject { ["name"] = "step", ["stepSize"] = 0 }),
        };

        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, experiment));

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("$.scheduler.schedulers").And.Contain("schedulers[1] (step)").And.Contain("stepSize")
            .And.NotContain("schedulers[0]", "a name alone is a scheduler with its defaults");
        System.IO.Directory.Exists(workspace.MlRuns).Should().BeFalse("nothing trains or is recorded when the file is invalid");
    }

    [Fact]
    public async Task Lbfgs_trains_a_linear_regression_to_the_noise_floor_through_the_trainer()
    {
        var experiment = TinyExperiment.Classification(epochs: 3);
        experiment["dataset"] = new JsonObject { ["name"] = "synthetic", ["kind"] = "linear", ["samples"] = 200, ["noise"] = 0.05, ["slope"] = 3.0, ["intercept"] = -2.0, ["testFraction"] = 0.2 };
        experiment["model"] = new JsonObject { ["name"] = "linear" };
        experiment["loss"] = new JsonObject { ["name"] = "mse" };
        experiment["optimizer"] = new JsonObject { ["name"] = "lbfgs", ["lineSearch"] = "strongWolfe" };
        experiment["training"]!["batchSize"] = 1000;

        var run = await RunAsync(experiment);

        // Each epoch is one L-BFGS step over the full batch; train_loss is its first evaluation.
        var trainLoss = run.History("train_loss");
        trainLoss[0].Should().BeGreaterThan(0.5, "the untrained line is far from y = 3x - 2");
        trainLoss[^1].Should().BeLessThan(0.005, "noise 0.05 leaves an MSE near 0.0025");
        run.History("val_loss")[^1].Should().BeLessThan(0.005);
        run.History("test_loss")[^1].Should().BeLessThan(0.005);
    }

    [Fact]
    public async Task Sparse_adam_on_a_dense_model_fails_with_what_it_needs()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 1), lr: 0.1);
        experiment["optimizer"] = new JsonObject { ["name"] = "sparse-adam" };

        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, experiment));

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("sparse: true").And.Contain("dense gradients");
    }

    [Fact]
    public async Task A_resumed_run_with_a_per_batch_schedule_ends_bit_identical_to_an_uninterrupted_run()
    {
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 4), lr: 0.1);
        experiment["optimizer"]!["momentum"] = 0.9;
        experiment["scheduler"] = new JsonObject
        {
            ["name"] = "sequential",
            ["interval"] = "batch",
            ["schedulers"] = new JsonArray(
                new JsonObject { ["name"] = "linear", ["startFactor"] = 0.25, ["totalIters"] = 5 },
                new JsonObject { ["name"] = "cosine-warm-restarts", ["t0"] = 4, ["tMult"] = 2 }),
            ["milestones"] = new JsonArray(5),
        };
        await ExpectResumeToMatchUninterrupted(experiment, "training.epochs=2");
    }

    [Fact]
    public async Task A_resumed_lbfgs_run_ends_bit_identical_to_an_uninterrupted_run()
    {
        var experiment = TinyExperiment.Classification(epochs: 4);
        experiment["loss"] = new JsonObject { ["name"] = "mse" };
        experiment["optimizer"] = new JsonObject { ["name"] = "lbfgs", ["lr"] = 0.2, ["maxIter"] = 3, ["historySize"] = 5 };
        experiment["scheduler"] = new JsonObject { ["name"] = "exponential", ["gamma"] = 0.9 };
        await ExpectResumeToMatchUninterrupted(experiment, "training.epochs=2");
    }

    [Fact]
    public async Task A_resumed_run_with_reduce_on_plateau_replays_its_metric_and_ends_bit_identical()
    {
        // lr 0.1, 0.1, 0.1, 0.05, 0.05, 0.025: the last reduction needs the best value seen before the resume after epoch 3.
        var experiment = WithBuiltIns(TinyExperiment.Classification(epochs: 6), lr: 0.1);
        experiment["scheduler"] = new JsonObject { ["name"] = "reduce-on-plateau", ["monitor"] = "lr", ["mode"] = "max", ["patience"] = 1, ["factor"] = 0.5 };
        await ExpectResumeToMatchUninterrupted(experiment, "training.epochs=3");
    }

    private async Task ExpectResumeToMatchUninterrupted(JsonObject experiment, string shortened)
    {
        using var other = new Workspace();
        var reference = await other.RunAsync("run", TinyExperiment.WriteTo(other, experiment));
        reference.ExitCode.Should().Be(0, reference.ToString());
        var file = TinyExperiment.WriteTo(workspace, experiment);
        var partial = await workspace.RunAsync("run", file, "--set", shortened);
        partial.ExitCode.Should().Be(0, partial.ToString());

        var resumed = await workspace.RunAsync("run", file, "--resume", RecordedRun.Single(workspace.MlRuns).RunId);

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var expected = RecordedRun.Single(other.MlRuns);
        foreach (var key in new[] { "train_loss", "val_loss", "lr" })
        {
            run.History(key).Should().Equal(expected.History(key), $"{key} must continue exactly where the uninterrupted run went");
        }

        expected.History("lr").Distinct().Should().HaveCountGreaterThan(2, "the schedule must move the rate for the test to mean anything");
        File.ReadAllBytes(Path.Combine(run.ArtifactsDirectory, "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(expected.ArtifactsDirectory, "model.safetensors")));
    }

    [Fact]
    public async Task Crucible_plugins_and_schema_list_every_scheduler_and_the_new_optimizers_with_their_options()
    {
        string[] schedulers = ["step", "multi-step", "exponential", "multiplicative", "constant", "linear", "polynomial", "cosine", "cosine-warm-restarts",
            "cyclic", "one-cycle", "reduce-on-plateau", "sequential", "chained"];

        var plugins = await workspace.RunAsync("plugins");
        var schema = await workspace.RunAsync("schema");

        plugins.ExitCode.Should().Be(0, plugins.ToString());
        plugins.StandardError.Should().NotContain("plugin skipped", "no built-in plugin may be refused (none has an option called \"name\")");
        plugins.StandardOutput.Should().Contain("datasetName").And.Contain("fileName");
        foreach (var name in schedulers)
        {
            plugins.StandardOutput.Should().MatchRegex($@"(?m)^\s*{name}\s+\[scheduler\]", $"'{name}' must be listed as a scheduler");
        }

        plugins.StandardOutput.Should().MatchRegex(@"(?m)^\s*lbfgs\s+\[optimizer\]").And.MatchRegex(@"(?m)^\s*sparse-adam\s+\[optimizer\]");
        plugins.StandardOutput.Should().Contain("stepSize").And.Contain("tMax").And.Contain("pctStart").And.Contain("historySize").And.Contain("lineSearch");
        schema.ExitCode.Should().Be(0, schema.ToString());
        var alternatives = JsonNode.Parse(schema.StandardOutput)!["$defs"]!["scheduler"]!["anyOf"]!.AsArray();
        alternatives.Select(a => a!["properties"]?["name"]?["const"]?.GetValue<string>()).Should().Contain(schedulers);
    }

    /// <summary>The tiny experiment on the built-in mse loss and sgd optimizer (the fixture plugins know nothing of schedulers).</summary>
    private static JsonObject WithBuiltIns(JsonObject experiment, double lr)
    {
        experiment["loss"] = new JsonObject { ["name"] = "mse" };
        experiment["optimizer"] = new JsonObject { ["name"] = "sgd", ["lr"] = lr };
        return experiment;
    }

    private async Task<RecordedRun> RunAsync(JsonObject experiment)
    {
        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, experiment));
        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        return run;
    }
}
