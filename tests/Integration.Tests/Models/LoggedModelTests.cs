using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crucible.Integration.Tests.Experiments;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// Every run logs <c>model/</c> in MLflow's Model format; <c>crucible predict</c> on the run's test
/// split in raw units gives its recorded test metrics again, through runs:/, a folder and models:/.
/// </summary>
public sealed class LoggedModelTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("softmax-iris")]
    public async Task A_classifier_is_logged_in_MLflow_format_and_predicts_its_test_accuracy()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "softmax-iris", "--register-model", "iris");

        var model = Path.Combine(run.ArtifactsDirectory, "model");
        var mlmodel = File.ReadAllText(Path.Combine(model, "MLmodel"));
        mlmodel.Should().StartWith("artifact_path: model\nflavors:\n  crucible:\n")
            .And.Contain($"run_id: {run.RunId}\n")
            .And.Contain("    data: data/model.safetensors\n")
            .And.Contain("    model: logistic\n")
            .And.Contain("      Crucible.Plugins.Models:\n")
            .And.Contain("saved_input_example_info:\n  artifact_path: input_example.json\n  pandas_orient: split\n  type: dataframe\n");
        Regex.IsMatch(mlmodel, "\nmodel_uuid: [0-9a-f]{32}\n").Should().BeTrue(mlmodel);
        Regex.IsMatch(mlmodel, @"\nutc_time_created: '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}'\n").Should().BeTrue(mlmodel);
        var pluginSha = run.Tags["crucible.plugin.Crucible.Plugins.Models.sha256"];
        mlmodel.Should().Contain(pluginSha);
        File.Exists(Path.Combine(model, "data", "model.safetensors")).Should().BeTrue();

        // The signature's sides are JSON strings in MLflow's column format.
        var inputs = SignatureSide(mlmodel, "inputs");
        inputs.Should().HaveCount(4).And.AllSatisfy(c => c.GetProperty("type").GetString().Should().Be("double"));
        SignatureSide(mlmodel, "outputs").Single().GetProperty("type").GetString().Should().Be("string");

        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "input_example.json")));
        example.RootElement.GetProperty("columns").GetArrayLength().Should().Be(4);
        example.RootElement.GetProperty("data").GetArrayLength().Should().Be(3);

        // The Models column of MLflow's UI: a JSON list with this model's MLmodel as a dict.
        using var history = JsonDocument.Parse(run.Tags["mlflow.log-model.history"]);
        var entry = history.RootElement.EnumerateArray().Single();
        entry.GetProperty("artifact_path").GetString().Should().Be("model");
        entry.GetProperty("run_id").GetString().Should().Be(run.RunId);
        entry.GetProperty("flavors").TryGetProperty("crucible", out _).Should().BeTrue();
        entry.GetProperty("signature").GetProperty("inputs").ValueKind.Should().Be(JsonValueKind.String);

        // Predicting the test split in raw units gives the recorded test accuracy.
        var split = TestSplitFile.Write(run, workspace.Write("test.csv", string.Empty));
        var expected = run.History("test_accuracy").Single();
        foreach (var source in new[] { $"runs:/{run.RunId}/model", model, "models:/iris/1" })
        {
            var predicted = await PredictAsync(source, split.Path);
            split.Accuracy(predicted.Select(p => p[0]).ToList()).Should().Be(expected, $"predict {source} must give the run's test accuracy");
        }

        // --register-model made version 1 in the file store's registry, as MLflow keeps it.
        var version = File.ReadAllText(Path.Combine(workspace.MlRuns, "models", "iris", "version-1", "meta.yaml"));
        version.Should().Contain($"run_id: {run.RunId}\n").And.Contain("source: file://").And.Contain("/artifacts/model\n").And.Contain("version: 1\n");
        var again = await workspace.RunAsync("register", run.RunId, "iris");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StandardOutput.Should().Contain("models:/iris/2");
    }

    [Fact]
    [RunsExperiment("linear-regression-height-weight")]
    public async Task A_regression_predicts_in_the_data_units_with_its_test_rmse()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "linear-regression-height-weight");

        var split = TestSplitFile.Write(run, workspace.Write("test.csv", string.Empty));
        var result = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", split.Path, "--format", "json");
        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var predicted = json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => new[] { p.GetDouble() }).ToList();
        split.Rmse(predicted).Should().BeApproximately(run.History("test_rmse").Single(), 1e-4 * run.History("test_rmse").Single());

        // One raw input in the data's units: 178 cm, as the predict callback reported it.
        var one = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", workspace.Write("one.json", "{\"dataframe_records\": [{\"" + split.Header[0] + "\": 178}]}"));
        one.ExitCode.Should().Be(0, one.ToString());
        double.Parse(one.StandardOutput.Split('\n')[1], CultureInfo.InvariantCulture).Should().BeApproximately(run.History("prediction_0").Single(), 1e-3);
    }

    [Fact]
    public async Task Bad_model_uris_and_inputs_are_exit_2_with_a_message()
    {
        var input = workspace.Write("in.csv", "a,b\n1,2\n");
        var noRun = await workspace.RunAsync("predict", "runs:/0123456789abcdef/model", input);
        noRun.ExitCode.Should().Be(2, noRun.ToString());
        noRun.StandardError.Should().Contain("0123456789abcdef");

        var noFolder = await workspace.RunAsync("predict", "no-such-model", input);
        noFolder.ExitCode.Should().Be(2);
        noFolder.StandardError.Should().Contain("neither a model folder nor a model URI");

        var noVersion = await workspace.RunAsync("predict", "models:/nothing/1", input);
        noVersion.ExitCode.Should().Be(2);
        noVersion.StandardError.Should().Contain("nothing");

        var badName = await workspace.RunAsync("register", "0123456789abcdef", "a/b");
        badName.ExitCode.Should().Be(2);
        badName.StandardError.Should().Contain("cannot be a registered model name");
    }

    private async Task<List<string[]>> PredictAsync(string model, string input)
    {
        var result = await workspace.RunAsync("predict", model, input);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
    }

    private static List<JsonElement> SignatureSide(string mlmodel, string side)
    {
        var line = mlmodel.Split('\n').Single(l => l.StartsWith($"  {side}: '", StringComparison.Ordinal));
        var json = line[$"  {side}: '".Length..^1].Replace("''", "'", StringComparison.Ordinal);
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
    }
}
