using System.Text.Json;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// The shipped <c>image-folder-digits</c> experiment on a folder of MNIST PNG files built in the
/// test's temp folder, trained end to end through the CLI; its model reads the test split's image
/// files (PNG and JPEG) through <c>crucible predict</c> and <c>crucible serve</c> as the dataset read
/// them (the same decoding, resize filter, center crop and normalization) and gives the recorded
/// test_accuracy again.
/// </summary>
public sealed class ImageFolderExperimentTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("image-folder-digits")]
    public async Task Digits_from_png_files_train_and_record_their_class_names()
    {
        // Every third test digit is a JPEG file: the dataset and the logged model read both.
        var folder = DigitFolder.Write(Path.Combine(workspace.Root, "digits-png"), trainPerClass: 200, testPerClass: 50, jpegTestEvery: 3);

        var (result, run) = await ExperimentFiles.RunAsync(workspace, "image-folder-digits", "--set", $"dataset.directory={folder}");

        run.History("test_accuracy").Single().Should().BeGreaterThan(0.8, result.ToString());
        run.Params["dataset.name"].Should().Be("image-folder");
        var input = run.Datasets.Should().ContainSingle().Subject;
        input["name"].Should().Be("digits-png");
        input["schema"].Should().Contain("classes").And.Contain("[-1, 1, 28, 28]".Replace(" ", string.Empty, StringComparison.Ordinal));
        using var preprocessing = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "model", "preprocessing.json")));
        preprocessing.RootElement.GetProperty("classNames").EnumerateArray().Select(e => e.GetString()).Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        preprocessing.RootElement.GetProperty("featureShape").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(1, 28, 28);
        var image = preprocessing.RootElement.GetProperty("image");
        image.GetProperty("resize").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(32);
        image.GetProperty("crop").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(28, 28);
        image.GetProperty("resampling").GetString().Should().Be("mitchell");

        await TestFilesGiveTheTestAccuracyAsync(run, folder);
    }

    /// <summary>
    /// The test split's files, given to <c>crucible predict</c> and posted base64-encoded to
    /// <c>crucible serve</c> (libtorch and ONNX Runtime), give the run's test_accuracy exactly: the 32x32
    /// Mitchell resize and the center crop to 28x28 are replayed, not a nearest-neighbour resample.
    /// </summary>
    private async Task TestFilesGiveTheTestAccuracyAsync(RecordedRun run, string folder)
    {
        var expected = run.History("test_accuracy").Should().ContainSingle().Subject;
        var files = DigitFolder.TestFiles(folder);
        files.Should().Contain(f => f.Path.EndsWith(".jpg", StringComparison.Ordinal)).And.Contain(f => f.Path.EndsWith(".png", StringComparison.Ordinal));

        var predicted = await workspace.RunAsync(["predict", $"runs:/{run.RunId}/model", .. files.Select(f => f.Path), "--format", "json"]);
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        Accuracy(Predictions(predicted.StandardOutput)).Should().Be(expected, "crucible predict on the test split's PNG and JPEG files gives the run's test_accuracy");

        var body = JsonSerializer.Serialize(new { instances = files.Select(f => new { b64 = Convert.ToBase64String(File.ReadAllBytes(f.Path)) }) });
        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await Models.ServedModel.StartAsync(workspace, Path.Combine(run.ArtifactsDirectory, "model"), "--engine", engine);
            Accuracy(await server.PredictAsync(body)).Should().Be(expected, $"crucible serve --engine {engine} on the test split's files gives the run's test_accuracy");
        }

        var broken = workspace.Write("broken.json", "{\"inputs\": [{\"b64\": \"bm90IGFuIGltYWdl\"}]}");
        var refused = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", broken);
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.StandardError.Should().Contain("Sample 0 (b64): not a PNG or JPEG image");

        double Accuracy(IReadOnlyList<string> predictions)
        {
            predictions.Should().HaveCount(files.Count);
            return predictions.Select((p, i) => p == files[i].Label ? 1.0 : 0.0).Average();
        }
    }

    private static List<string> Predictions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()!).ToList();
    }

    [Fact]
    public async Task A_corrupt_image_read_by_a_worker_fails_the_run_naming_the_file_and_the_sample()
    {
        var folder = DigitFolder.Write(Path.Combine(workspace.Root, "digits-png"), trainPerClass: 20, testPerClass: 2);
        var corrupt = Directory.EnumerateFiles(Path.Combine(folder, "train", "3")).Order(StringComparer.Ordinal).ElementAt(5);
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);

        var result = await workspace.RunAsync(
            "run", ExperimentFiles.PathOf("image-folder-digits"), "--set", $"dataset.directory={folder}", "--set", "dataset.validationFraction=0", "--set", "training.epochs=1", "--set", "training.workers=2");

        result.ExitCode.Should().Be(1, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FAILED");
        foreach (var text in new[] { result.StandardError, run.Tags["crucible.error"] })
        {
            // Without a validation fraction the training split is the folder in order: class folders 0-2
            // hold 20 images each, so the sixth image of class 3 is sample 65.
            text.Should().Contain(corrupt).And.Contain("sample 65");
        }
    }
}
