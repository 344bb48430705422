using System.Text.Json;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// The shipped <c>image-folder-digits</c> experiment on a folder of MNIST PNG files built in the
/// test's temp folder, trained end to end through the CLI.
/// </summary>
public sealed class ImageFolderExperimentTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("image-folder-digits")]
    public async Task Digits_from_png_files_train_and_record_their_class_names()
    {
        var folder = DigitFolder.Write(Path.Combine(workspace.Root, "digits-png"), trainPerClass: 200, testPerClass: 50);

        var (result, run) = await ExperimentFiles.RunAsync(workspace, "image-folder-digits", "--set", $"dataset.directory={folder}");

        run.History("test_accuracy").Single().Should().BeGreaterThan(0.8, result.ToString());
        run.Params["dataset.name"].Should().Be("image-folder");
        var input = run.Datasets.Should().ContainSingle().Subject;
        input["name"].Should().Be("digits-png");
        input["schema"].Should().Contain("classes").And.Contain("[-1, 1, 28, 28]".Replace(" ", string.Empty, StringComparison.Ordinal));
        using var preprocessing = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.ArtifactsDirectory, "model", "preprocessing.json")));
        preprocessing.RootElement.GetProperty("classNames").EnumerateArray().Select(e => e.GetString()).Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        preprocessing.RootElement.GetProperty("featureShape").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(1, 28, 28);
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
