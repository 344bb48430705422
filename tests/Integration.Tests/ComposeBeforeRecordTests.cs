using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>
/// Bad input found only by composing the run (loading the data, building every component, one
/// forward and loss pass, the monitors, the tracking store) ends with exit 2 and a message naming the
/// file and the JSON path, before anything is recorded: no run, no experiment, an empty outbox.
/// <c>crucible validate</c> finds the same; <c>validate --no-data</c> only checks the file.
/// </summary>
public sealed class ComposeBeforeRecordTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string, string, string> BadData => new()
    {
        { "ragged", "a,b,label\n1,2,x\n3,4\n5,6,y\n", "has 2 fields" },
        { "non-numeric", "a,b,label\n1,2,x\n3,four,y\n5,6,x\n", "four" },
        { "empty", string.Empty, "empty" },
        { "label-column", "a,b,label\n1,2,x\n3,4,y\n", "column" },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public async Task Unusable_csv_content_is_refused_with_exit_2_before_anything_is_recorded(string name, string content, string expected)
    {
        var data = workspace.Write($"{name}.csv", content);
        var experiment = Csv(data);
        if (name == "label-column")
        {
            experiment["dataset"]!["label"] = "7";
        }

        await ExpectRefusedAsync(experiment, "$.dataset", expected, validateNoDataPasses: true);
    }

    [Fact]
    public async Task An_image_given_as_csv_is_refused_and_the_message_stays_short()
    {
        var experiment = Csv(Path.Combine(Environment.GetEnvironmentVariable("CRUCIBLE_DATA") ?? "/work/shared/data", "mnist", "t10k-images-idx3-ubyte.gz"));

        var result = await ExpectRefusedAsync(experiment, "$.dataset", "csv", validateNoDataPasses: true);

        result.StandardError.Split('\n').Should().AllSatisfy(line => line.Length.Should().BeLessThan(2_200, "quoted values are cut"));
    }

    [Fact]
    public async Task A_label_value_out_of_range_is_refused_naming_the_split_and_the_range()
    {
        // MNIST's labels run from 0 to 9; two class names make 2 to 9 out of range ("Target 2 is out of bounds" once).
        var experiment = Mnist();
        experiment["dataset"]!["classNames"] = new JsonArray("zero", "one");

        var result = await ExpectRefusedAsync(experiment, "$.dataset", "the training labels of dataset 'mnist' run from 0 to 9, but it has 2 classes (0 to 1)", validateNoDataPasses: true);

        result.StandardError.Should().Contain("the test labels of dataset 'mnist' run from 0 to 9");
    }

    [Fact]
    public async Task A_param_key_over_mlflows_limit_is_refused_naming_the_json_path()
    {
        // MLflow answers a 251-character param key with INVALID_PARAMETER_VALUE "'Param key' exceeds the
        // maximum length of 250 characters" (fixtures/mlflow3/rest/62_error_param_key_too_long.json): refused before recording.
        var key = new string('k', 251);
        var experiment = Mnist();
        experiment["dataset"]!["sha256"] = new JsonObject { [key] = new string('0', 64) };

        var result = await ExpectRefusedAsync(experiment, $"$.dataset.sha256.{key[..40]}", "exceeds MLflow's limit of 250", validateNoDataPasses: false);

        result.StandardError.Should().Contain("Param key 'dataset.sha256.kkk").And.Contain("has length 266");
    }

    [Fact]
    public async Task A_param_value_over_mlflows_limit_is_recorded_cut_with_a_marker_and_whole_in_the_experiment_artifact()
    {
        // MLflow's server cuts a param value over 6,000 characters (MLFLOW_TRUNCATE_LONG_VALUES, on by default;
        // fixtures/mlflow/rest/93_strict_error_param_value_6001.json is the error with it off): the run records
        // the value cut to the limit with a visible marker, and experiment.json keeps it whole.
        var names = Enumerable.Range(0, 10).Select(i => $"{i}{new string('x', 700)}").ToArray();
        var experiment = Mnist();
        experiment["dataset"]!["classNames"] = new JsonArray(names.Select(n => (JsonNode)n!).ToArray());
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        var value = run.Params["dataset.classNames"];
        value.Length.Should().BeLessThanOrEqualTo(6_000);
        value.Should().StartWith("[\"0xxx").And.EndWith("...[truncated]");
        File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "experiment.json")).Should().Contain(names[9], "the recorded experiment keeps the whole value");
    }

    [Fact]
    public async Task A_model_whose_output_does_not_match_the_classes_is_refused()
    {
        var experiment = Csv(Path.Combine(Environment.GetEnvironmentVariable("CRUCIBLE_DATA") ?? "/work/shared/data", "tabular", "iris.csv"));
        experiment["model"] = new JsonObject { ["name"] = "sequential", ["layers"] = new JsonArray(new JsonObject { ["type"] = "linear", ["out"] = 2 }) };

        await ExpectRefusedAsync(experiment, "$.model", "outputs 2 values per sample", validateNoDataPasses: true);
    }

    [Theory]
    [InlineData("earlyStopping")]
    [InlineData("checkpoint")]
    [InlineData("scheduler")]
    public async Task A_monitor_the_run_never_records_is_refused(string where)
    {
        var experiment = TinyExperiment.Classification();
        var path = where switch
        {
            "earlyStopping" => "$.training.earlyStopping.monitor",
            "checkpoint" => "$.training.checkpoint.monitor",
            _ => "$.scheduler",
        };
        switch (where)
        {
            case "earlyStopping":
                experiment["training"]!["earlyStopping"] = new JsonObject { ["monitor"] = "val_f1_of_nothing", ["patience"] = 2 };
                break;
            case "checkpoint":
                experiment["training"]!["checkpoint"] = new JsonObject { ["monitor"] = "val_f1_of_nothing" };
                break;
            default:
                experiment["optimizer"] = new JsonObject { ["name"] = "sgd", ["lr"] = 0.05 };
                experiment["scheduler"] = new JsonObject { ["name"] = "reduce-on-plateau", ["monitor"] = "val_f1_of_nothing" };
                break;
        }

        var result = await ExpectRefusedAsync(experiment, path, "val_f1_of_nothing", validateNoDataPasses: true);
        result.StandardError.Should().Contain("val_loss", "the message lists what the run records");
    }

    [Fact]
    public async Task Options_a_constructor_refuses_are_refused_naming_the_section()
    {
        var experiment = TinyExperiment.Classification();
        experiment["optimizer"] = new JsonObject { ["name"] = "sgd", ["lr"] = 0.05, ["nesterov"] = true };

        await ExpectRefusedAsync(experiment, "$.optimizer", "optimizer 'sgd'", validateNoDataPasses: true);
    }

    [Theory]
    [InlineData("long-value")]
    [InlineData("bad-key")]
    public async Task Tags_over_mlflow_limits_are_refused(string kind)
    {
        var experiment = TinyExperiment.Classification();
        var (key, value) = kind == "long-value" ? ("note", new string('x', 6_000)) : ("../../escape", "x");
        experiment["tracking"]!["tags"] = new JsonObject { [key] = value };

        await ExpectRefusedAsync(experiment, "$.tracking.tags", "Tag", validateNoDataPasses: false);
    }

    [Fact]
    public async Task A_huge_value_is_quoted_cut_to_a_readable_length()
    {
        var experiment = TinyExperiment.Classification();
        experiment["optimizer"] = new JsonObject { ["name"] = "no-such-optimizer-" + new string('x', 5_000_000) };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        foreach (var command in new[] { "validate", "run" })
        {
            var result = await workspace.RunAsync(command, file);

            result.ExitCode.Should().Be(2, result.ToString()[..Math.Min(result.ToString().Length, 3_000)]);
            result.StandardError.Should().Contain($"{file}: $.optimizer").And.Contain("no-such-optimizer-xxx");
            result.Output.Length.Should().BeLessThan(20_000, "a 5 MB value is not echoed whole");
        }

        AssertNothingRecorded();
    }

    [Theory]
    [InlineData("file:/dev/null")]
    [InlineData("http://[::1")]
    [InlineData("file:/proc/self/mlruns")]
    public async Task A_tracking_uri_that_cannot_work_is_refused_without_a_stack_trace(string uri)
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification());

        foreach (var command in new[] { "validate", "run" })
        {
            var result = await workspace.RunAsync(command, file, "--tracking-uri", uri);

            result.ExitCode.Should().Be(2, result.ToString());
            result.StandardError.Should().Contain("--tracking-uri").And.Contain("tracking");
            result.Output.Should().NotContain("   at ", "no stack trace");
        }

        AssertNothingRecorded();
    }

    [NotRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_store_folder_is_refused()
    {
        var store = System.IO.Directory.CreateDirectory(Path.Combine(workspace.Root, "readonly-store")).FullName;
        File.SetUnixFileMode(store, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification());

        var result = await workspace.RunAsync("run", file, "--tracking-uri", store);

        File.SetUnixFileMode(store, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("not writable");
        System.IO.Directory.EnumerateFileSystemEntries(store).Should().BeEmpty();
    }

    [Fact]
    public async Task Sigterm_while_a_dataset_is_loading_ends_the_process_at_once_and_records_nothing()
    {
        var experiment = TinyExperiment.Classification();
        experiment["dataset"] = new JsonObject { ["name"] = "fixture-hang" };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        using var process = Cli.Start(workspace.Root, "run", file);
        (await process.WaitForOutputAsync("fixture-hang: loading")).Should().BeTrue("the dataset must start loading");
        process.Interrupt();
        var result = await process.WaitAsync();

        result.ExitCode.Should().Be(130, result.ToString());
        result.StandardError.Should().Contain("before anything was recorded");
        AssertNothingRecorded();
    }

    private async Task<CliResult> ExpectRefusedAsync(JsonObject experiment, string jsonPath, string expected, bool validateNoDataPasses)
    {
        var file = TinyExperiment.WriteTo(workspace, experiment);
        CliResult? last = null;
        foreach (var command in new[] { "validate", "run" })
        {
            var result = await workspace.RunAsync(command, file);

            result.ExitCode.Should().Be(2, $"{command}: {result}");
            result.StandardError.Should().Contain($"{file}: {jsonPath}", $"{command} names the file and the JSON path")
                .And.Contain(expected).And.Contain("nothing was run or recorded");
            result.Output.Should().NotContain("   at ", "no stack trace");
            last = result;
        }

        AssertNothingRecorded();
        if (validateNoDataPasses)
        {
            var quick = await workspace.RunAsync("validate", "--no-data", file);
            quick.ExitCode.Should().Be(0, $"--no-data checks only the file and its options: {quick}");
        }

        return last!;
    }

    private void AssertNothingRecorded()
    {
        System.IO.Directory.Exists(workspace.MlRuns).Should().BeFalse("no run and no experiment may be recorded");
        var outbox = Path.Combine(workspace.Root, ".outbox");
        (System.IO.Directory.Exists(outbox) ? System.IO.Directory.EnumerateFiles(outbox, "*", SearchOption.AllDirectories) : []).Should().BeEmpty("the outbox stays empty");
    }

    /// <summary>A small MNIST run: 300 training and 50 test images, one epoch.</summary>
    private static JsonObject Mnist()
    {
        var experiment = TinyExperiment.Classification(epochs: 1);
        experiment["dataset"] = new JsonObject { ["name"] = "idx", ["directory"] = "mnist", ["trainLimit"] = 300, ["testLimit"] = 50 };
        experiment["model"] = new JsonObject { ["name"] = "mlp", ["hidden"] = new JsonArray(8) };
        experiment["loss"] = "cross-entropy";
        experiment["metrics"] = new JsonArray();
        experiment["training"]!["validationSplit"] = 0.0;
        return experiment;
    }

    private static JsonObject Csv(string path)
    {
        var experiment = TinyExperiment.Classification();
        experiment["dataset"] = new JsonObject { ["name"] = "csv", ["path"] = path, ["testFraction"] = 0.0 };
        experiment["model"] = new JsonObject { ["name"] = "mlp", ["hidden"] = new JsonArray(4) };
        experiment["loss"] = "cross-entropy";
        experiment["metrics"] = new JsonArray();
        experiment["training"]!["validationSplit"] = 0.0;
        return experiment;
    }
}
