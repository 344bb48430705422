using System.Globalization;
using System.Text.Json;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// What a user does with a finished run's model, checked after an experiment test trains it:
/// <c>crucible predict runs:/ID/model</c> on the run's test split in the data's raw units, and
/// <c>crucible serve</c> of the model folder on libtorch and on ONNX Runtime with the same rows as a
/// CSV body; each gives the run's recorded test metric again (test_accuracy for a classifier,
/// test_rmse otherwise).
/// </summary>
internal static class TrainedModelChecks
{
    public static async Task PredictAndServeGiveTheTestMetricAsync(Workspace workspace, RecordedRun run)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(run);
        var split = TestSplitFile.Write(run, workspace.Write($"test-split-{run.RunId}.csv", string.Empty));
        var classifier = split.ClassNames is not null && run.Metrics.ContainsKey("test_accuracy");
        var metric = classifier ? "test_accuracy" : "test_rmse";
        var expected = run.History(metric).Should().ContainSingle($"the run records {metric}").Subject;

        var predicted = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", split.Path, "--format", "json");
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        Check(predicted.StandardOutput, "crucible predict");

        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await ServedModel.StartAsync(workspace, Path.Combine(run.ArtifactsDirectory, "model"), "--engine", engine);
            var (status, _, body) = await server.InvokeAsync(File.ReadAllText(split.Path), "text/csv");
            status.Should().Be(200, body);
            Check(body, $"crucible serve --engine {engine}");
        }

        void Check(string json, string what)
        {
            using var document = JsonDocument.Parse(json);
            var predictions = document.RootElement.GetProperty("predictions").EnumerateArray().ToList();
            if (classifier)
            {
                split.Accuracy(predictions.Select(p => p.GetString()!).ToList()).Should().Be(expected, $"{what} on the test split gives the run's {metric}");
            }
            else
            {
                var values = predictions.Select(p => p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [p.GetDouble()]).ToList();
                split.Rmse(values).Should().BeApproximately(expected, (1e-4 * expected) + 1e-6, $"{what} on the test split gives the run's {metric}");
            }
        }
    }
}
