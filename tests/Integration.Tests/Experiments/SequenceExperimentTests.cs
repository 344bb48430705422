using System.Globalization;
using Crucible.Integration.Tests.Models;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>The recurrent experiments: the airline passengers forecast and the sentiment classifier.</summary>
public sealed class SequenceExperimentTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("airline-lstm")]
    public async Task Airline_lstm_forecasts_next_month_better_than_the_naive_last_value()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "airline-lstm");

        // The baseline, recorded next to test_rmse, is the naive forecast "next month = this month"
        // over the test months, in passengers: checked here from the raw file, not from Crucible.
        var passengers = File.ReadAllLines(DataFile("timeseries/airline-passengers.csv"))
            .Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))
            .ToArray();
        var window = int.Parse(run.Params["dataset.window"], CultureInfo.InvariantCulture);
        var testFraction = double.Parse(run.Params["dataset.testFraction"], CultureInfo.InvariantCulture);
        var windows = passengers.Length - 1 - window; // differencing drops the first month
        var testMonths = (int)Math.Round(windows * testFraction, MidpointRounding.AwayFromZero);
        var naive = Math.Sqrt(Enumerable.Range(passengers.Length - testMonths, testMonths).Average(t => Math.Pow(passengers[t] - passengers[t - 1], 2)));
        var baseline = run.History("baseline_test_rmse").Should().ContainSingle().Subject;
        baseline.Should().BeApproximately(naive, 1e-3);
        run.Metrics["baseline_test_rmse"].Single().Step.Should().Be(run.Metrics["test_rmse"].Single().Step, "the baseline is recorded next to the test metrics");

        // The LSTM's test RMSE is in passengers too (the regression metric undoes the scaling), and
        // clearly below the baseline's (measured: 27.4 against 50.9).
        var rmse = run.History("test_rmse").Should().ContainSingle().Subject;
        rmse.Should().BeLessThan(0.8 * baseline);
        run.Datasets.Should().ContainSingle().Which["name"].Should().Be("airline-passengers");

        // The model takes and answers month-to-month changes in passengers, the data's units after differencing.
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
    }

    [Fact]
    [RunsExperiment("sentiment-lstm")]
    public async Task Sentiment_lstm_beats_the_majority_class_by_a_margin()
    {
        var (_, run) = await ExperimentFiles.RunAsync(workspace, "sentiment-lstm");

        // Always answering the training split's majority class scores about half on the balanced
        // sentences; with two classes, the better constant answer scores 1 - that at most.
        var majority = run.History("baseline_test_accuracy").Should().ContainSingle().Subject;
        majority.Should().BeInRange(0.4, 0.6);
        var bestConstant = Math.Max(majority, 1 - majority);

        // Measured: 0.77 test accuracy (0.47 for the majority class).
        var accuracy = run.History("test_accuracy").Should().ContainSingle().Subject;
        accuracy.Should().BeGreaterThan(bestConstant + 0.15);
        run.History("train_accuracy")[^1].Should().BeGreaterThan(accuracy, "an LSTM this size fits its training sentences better than unseen ones");

        // The model takes token indices, and raw sentences through the vocabulary recorded in model/.
        await TrainedModelChecks.PredictAndServeGiveTheTestMetricAsync(workspace, run);
        await RawSentencesGiveTheTestAccuracyAsync(run, accuracy);
    }

    /// <summary>
    /// The test split's sentences as raw text (its token indices written back as words with the
    /// vocabulary in model/preprocessing.json; a word outside it for an unknown one) give the recorded
    /// test_accuracy through <c>crucible predict</c> and <c>crucible serve</c>; a sentence as a user
    /// types it (capitals, punctuation) is read as its words.
    /// </summary>
    private async Task RawSentencesGiveTheTestAccuracyAsync(RecordedRun run, double accuracy)
    {
        const string Unseen = "qqzzunseenword";
        var model = Path.Combine(run.ArtifactsDirectory, "model");
        using var preprocessing = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "preprocessing.json")));
        var tokens = preprocessing.RootElement.GetProperty("text").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        tokens.Should().HaveCountGreaterThan(100).And.StartWith(["<pad>", "<unk>"]).And.NotContain(Unseen);
        var split = TestSplitFile.Write(run, workspace.Write("sentiment-test.csv", string.Empty));
        var sentences = split.Inputs.Select(r => string.Join(' ', r.Select(i => (int)i).Where(i => i != 0).Select(i => i == 1 ? Unseen : tokens[i]))).ToList();
        var body = System.Text.Json.JsonSerializer.Serialize(new { inputs = sentences });
        var file = workspace.Write("sentences.json", body);

        var predicted = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", file, "--format", "json");
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        split.Accuracy(Classes(predicted.StandardOutput)).Should().Be(accuracy, "raw sentences give the run's test_accuracy through crucible predict");

        // The signature and the input example describe what predict and serve take: one column of raw sentences.
        var mlmodel = File.ReadAllText(Path.Combine(model, "MLmodel"));
        mlmodel.Should().Contain("""inputs: '[{"type": "string", "name": "text", "required": true}]'""").And.Contain("pandas_orient: split");
        var example = File.ReadAllText(Path.Combine(model, "input_example.json"));
        example.Should().StartWith("""{"columns": ["text"], "data": [[" """.TrimEnd());
        var fromExample = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", Path.Combine(model, "input_example.json"), "--format", "json");
        fromExample.ExitCode.Should().Be(0, fromExample.ToString());
        Classes(fromExample.StandardOutput).Should().HaveCount(3);

        await using (var server = await ServedModel.StartAsync(workspace, model))
        {
            split.Accuracy(await server.PredictAsync(body)).Should().Be(accuracy, "raw sentences give the run's test_accuracy through crucible serve");
            var records = System.Text.Json.JsonSerializer.Serialize(new { dataframe_records = sentences.Take(3).Select(s => new { text = s }) });
            (await server.PredictAsync(records)).Should().Equal(Classes(predicted.StandardOutput).Take(3), "records of one text column are sentences too");
            (await server.PredictAsync("{\"dataframe_split\": " + example + "}")).Should().Equal(Classes(fromExample.StandardOutput), "the input example is a request as MLflow's serving example wraps it");
        }

        // As typed: capitals and punctuation are dropped, as the dataset's tokenizer drops them.
        var typed = workspace.Write("typed.txt", "Wow... Loved this place!\nThe battery is TERRIBLE, don't buy it.\n");
        var plain = workspace.Write("plain.csv", "text\nwow loved this place\n\"the battery is terrible don't buy it\"\n");
        var fromTyped = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", typed, "--format", "json");
        var fromPlain = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", plain, "--format", "json");
        fromTyped.ExitCode.Should().Be(0, fromTyped.ToString());
        fromPlain.ExitCode.Should().Be(0, fromPlain.ToString());
        Classes(fromTyped.StandardOutput).Should().HaveCount(2).And.Equal(Classes(fromPlain.StandardOutput));
    }

    private static List<string> Classes(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()!).ToList();
    }

    private static string DataFile(string relative)
    {
        var root = Environment.GetEnvironmentVariable("CRUCIBLE_DATA");
        if (string.IsNullOrEmpty(root))
        {
            throw new InvalidOperationException("CRUCIBLE_DATA is not set: source scripts/env.sh (it points at ../shared/data) before running the integration tests.");
        }

        var path = Path.Combine(root, relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Test data '{relative}' is missing under CRUCIBLE_DATA={root}.", path);
    }
}
