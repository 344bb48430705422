using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>Runs whose dataset streams its splits: trained through the CLI, failing cleanly on bad samples.</summary>
public sealed class StreamingRunTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_streamed_run_records_what_the_same_run_in_memory_records()
    {
        WriteIdx(badTrainLabelAt: null, badTestLabelAt: null);
        var memory = TinyExperiment.WriteTo(workspace, Experiment(streaming: false), "memory.json");
        var streamed = TinyExperiment.WriteTo(workspace, Experiment(streaming: true), "streamed.json");

        var first = await workspace.RunAsync("run", memory);
        var second = await workspace.RunAsync("run", streamed);

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        var runs = RecordedRun.All(workspace.MlRuns).OrderBy(r => r.Params["dataset.streaming"]).ToList();
        runs.Should().HaveCount(2);
        runs[1].History("train_loss").Should().Equal(runs[0].History("train_loss"));
        runs[1].History("val_loss").Should().Equal(runs[0].History("val_loss"));
        runs[1].History("test_loss").Should().Equal(runs[0].History("test_loss"));
    }

    [Fact]
    public async Task A_bad_sample_met_in_training_fails_the_run_naming_the_file_and_the_sample()
    {
        WriteIdx(badTrainLabelAt: 40, badTestLabelAt: null);
        var experiment = Experiment(streaming: true);
        experiment["training"]!["validationSplit"] = 0;
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(1, result.ToString());
        var labels = Path.Combine(workspace.Root, "digits", "train-labels");
        result.StandardError.Should().Contain($"'{labels}': sample 40 has the label 7, but the dataset has 2 classes");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FAILED");
        run.Tags["crucible.error"].Should().Contain("sample 40");
    }

    [Fact]
    public async Task Validate_reads_the_first_sample_of_every_split()
    {
        WriteIdx(badTrainLabelAt: null, badTestLabelAt: 0);
        var file = TinyExperiment.WriteTo(workspace, Experiment(streaming: true));

        var result = await workspace.RunAsync("validate", file);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.dataset").And.Contain($"'{Path.Combine(workspace.Root, "digits", "test-labels")}': sample 0 has the label 7");
        Directory.Exists(workspace.MlRuns).Should().BeFalse("validate records nothing");
    }

    [Fact]
    public async Task Ctrl_C_stops_a_streamed_run_and_its_workers_and_the_run_ends_killed()
    {
        WriteIdx(badTrainLabelAt: null, badTestLabelAt: null);
        var experiment = Experiment(streaming: true);
        // Far more epochs than the test waits for: the loader's two workers are reading ahead when
        // the signal comes, and the run can only end by stopping them.
        experiment["training"]!["epochs"] = 100_000;
        var file = TinyExperiment.WriteTo(workspace, experiment);

        CliResult result;
        using (var process = Cli.StartForCtrlC(workspace.Root, "run", file))
        {
            (await process.WaitForOutputAsync("Epoch 1/100000")).Should().BeTrue("the run must log its first epoch");
            process.CtrlC();

            // The trainer leaves after the batch it is on, disposes the loader (which cancels and
            // joins its workers) and ends the run: a worker that kept reading would keep it waiting.
            result = await process.WaitAsync();
        }

        result.ExitCode.Should().Be(130, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("KILLED");
        run.Tags["crucible.stop_reason"].Should().Contain("SIGINT");
        run.Tags.Should().NotContainKey("crucible.error", "an interrupt is not a failure");
        var epochs = run.History("epoch");
        epochs.Should().NotBeEmpty().And.HaveCountLessThan(100_000);
        run.History("train_loss").Should().HaveCount(epochs.Count, "every epoch that ended is recorded once");
        run.History("val_loss").Should().HaveCount(epochs.Count);
        epochs.Should().Equal(Enumerable.Range(1, epochs.Count).Select(e => (double)e));
        run.Artifacts.Should().Contain(["checkpoints/last/checkpoint.json", "crucible.log"]);
    }

    private static JsonObject Experiment(bool streaming) => new()
    {
        ["dataset"] = new JsonObject
        {
            ["name"] = "idx", ["directory"] = "digits", ["streaming"] = streaming, ["classNames"] = new JsonArray("dark", "light"),
            ["trainImages"] = "train-images", ["trainLabels"] = "train-labels", ["testImages"] = "test-images", ["testLabels"] = "test-labels",
        },
        ["model"] = new JsonObject { ["name"] = "mlp", ["hidden"] = new JsonArray(8), ["dropout"] = 0.1 },
        ["loss"] = new JsonObject { ["name"] = "cross-entropy" },
        ["optimizer"] = new JsonObject { ["name"] = "sgd", ["lr"] = 0.1 },
        ["metrics"] = new JsonArray(new JsonObject { ["name"] = "accuracy" }),
        ["training"] = new JsonObject
        {
            ["epochs"] = 2, ["batchSize"] = 8, ["validationSplit"] = 0.25, ["workers"] = 2, ["prefetch"] = 2,
            ["device"] = "cpu", ["threads"] = 1, ["seed"] = 3,
        },
        ["tracking"] = new JsonObject { ["experimentName"] = "streaming" },
    };

    /// <summary>64 training and 16 test images of 4x4 pixels in IDX files: dark ones are class 0, light ones class 1.</summary>
    private void WriteIdx(int? badTrainLabelAt, int? badTestLabelAt)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workspace.Root, "digits")).FullName;
        foreach (var (name, count, bad) in new[] { ("train", 64, badTrainLabelAt), ("test", 16, badTestLabelAt) })
        {
            var random = new Random(count);
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i == bad ? 7 : random.Next(2))).ToArray();
            var pixels = labels.SelectMany(l => Enumerable.Range(0, 16).Select(_ => (byte)((l == 1 ? 128 : 0) + random.Next(128)))).ToArray();
            File.WriteAllBytes(Path.Combine(folder, $"{name}-images"), Idx([count, 4, 4], pixels));
            File.WriteAllBytes(Path.Combine(folder, $"{name}-labels"), Idx([count], labels));
        }
    }

    private static byte[] Idx(int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }
}
