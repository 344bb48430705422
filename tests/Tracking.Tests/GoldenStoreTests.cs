using System.Text.RegularExpressions;
using Crucible.Tracking.FileStore;
using Crucible.Tracking.Model;
using Crucible.Tracking.Recording;

namespace Crucible.Tracking.Tests;

/// <summary>A run written by Crucible has MLflow's file-store layout exactly as mlruns-golden shows it.</summary>
public class GoldenStoreTests
{
    [Fact]
    public void Dataset_and_input_ids_are_md5_as_mlflow_derives_them()
    {
        LocalFileStore.Md5Hex("iris-train" + "bafbd3d2").Should().Be("19dd7d3b211340231d53317e59495c6a");
        LocalFileStore.Md5Hex("19dd7d3b211340231d53317e59495c6a" + Fixtures.GoldenBaseline).Should().Be("8721faf505e8eb64a150910dcd326eff");
    }

    [Fact]
    public async Task A_recorded_run_has_the_same_files_and_formats_as_the_golden_baseline()
    {
        using var temp = new TempDirectory();
        var storeRoot = temp.Sub("mlruns");
        using var store = new LocalFileStore(storeRoot);
        var experimentId = await store.CreateExperimentAsync("csharp-golden", [new RunTag("team", "csharp")]);
        await store.SetExperimentTagAsync(experimentId, "mlflow.note.content", "Golden file-store fixture");

        var artifacts = temp.Sub("artifacts-src");
        CopyTree(Path.Combine(Fixtures.Golden, Fixtures.GoldenExperiment, Fixtures.GoldenBaseline, "artifacts"), artifacts);

        var recorder = await RunRecorder.StartAsync(
            store,
            new RunStartOptions
            {
                ExperimentId = experimentId,
                RunName = "baseline",
                User = "golden-user",
                SourceName = "train_golden.py",
                SourceDirectory = temp.Path,
                Description = "Baseline run with **all** kinds of data",
                Tags = new Dictionary<string, string> { ["framework"] = "ML.NET", ["stage"] = "dev", ["unicode"] = "héllo wörld ✓" },
            },
            new RecorderOptions { OutboxDirectory = temp.Sub("outbox") });
        recorder.LogParams(new Dictionary<string, string>
        {
            ["learning_rate"] = "0.01",
            ["batch_size"] = "32",
            ["optimizer"] = "adam",
            ["layers"] = "[64, 32]",
            ["empty_param"] = string.Empty,
        });
        double[] acc = [0.51, 0.62, 0.7, 0.74, 0.78, 0.79];
        long[] accSteps = [0, 1, 2, 3, 4, 4];
        for (var i = 0; i < acc.Length; i++)
        {
            recorder.LogMetric("acc", acc[i], accSteps[i]);
        }

        double[] loss = [1.0, 0.5, 1.0 / 3.0, 0.25, 0.2];
        for (var i = 0; i < loss.Length; i++)
        {
            recorder.LogMetric("loss", loss[i], i);
        }

        recorder.LogMetric("val/acc", 0.75, 4);
        recorder.LogMetric("nan_metric", double.NaN);
        recorder.LogMetric("inf_metric", double.PositiveInfinity);
        recorder.LogMetric("neg_inf_metric", double.NegativeInfinity);
        recorder.LogMetric("no_step_metric", 42.0);
        recorder.LogInput(new DatasetInput(
            new Dataset(
                "iris-train",
                "bafbd3d2",
                "local",
                "{\"uri\": \"/data/iris.csv\"}",
                "{\"mlflow_colspec\": [{\"type\": \"double\", \"name\": \"sepal_length\", \"required\": true}, {\"type\": \"string\", \"name\": \"species\", \"required\": true}]}",
                "{\"num_rows\": 3, \"num_elements\": 6}"),
            [new RunTag("mlflow.data.context", "training"), new RunTag("split", "train")]));
        recorder.LogArtifact(Path.Combine(artifacts, "notes.txt"));
        recorder.LogArtifact(Path.Combine(artifacts, "model"), "model");
        recorder.LogArtifact(Path.Combine(artifacts, "plots"), "plots");
        recorder.LogArtifact(Path.Combine(artifacts, "reports"), "reports");
        var result = await recorder.EndAsync(RunStatus.Finished);
        result.Delivered.Should().BeTrue();

        var golden = Path.Combine(Fixtures.Golden, Fixtures.GoldenExperiment, Fixtures.GoldenBaseline);
        var ours = Path.Combine(storeRoot, experimentId, recorder.RunId);
        var goldenExp = Path.Combine(Fixtures.Golden, Fixtures.GoldenExperiment);
        var oursExp = Path.Combine(storeRoot, experimentId);

        // Same files (input ids depend on the run id, so compare with the id replaced).
        Files(ours).Select(f => f.Replace(LocalFileStore.Md5Hex("19dd7d3b211340231d53317e59495c6a" + recorder.RunId), "INPUT", StringComparison.Ordinal))
            .Should().BeEquivalentTo(Files(golden).Select(f => f.Replace("8721faf505e8eb64a150910dcd326eff", "INPUT", StringComparison.Ordinal)));
        Files(oursExp).Where(f => !f.StartsWith(recorder.RunId, StringComparison.Ordinal))
            .Should().BeEquivalentTo(Files(goldenExp).Where(f => f is "meta.yaml" || f.StartsWith("tags/", StringComparison.Ordinal) || f.StartsWith("datasets/", StringComparison.Ordinal)));

        // Params, tags, artifacts, dataset meta: byte for byte.
        foreach (var file in Files(golden).Where(f => f.StartsWith("params/", StringComparison.Ordinal) || f.StartsWith("tags/", StringComparison.Ordinal) || f.StartsWith("artifacts/", StringComparison.Ordinal)))
        {
            File.ReadAllBytes(Path.Combine(ours, file)).Should().Equal(File.ReadAllBytes(Path.Combine(golden, file)), file);
        }

        foreach (var file in Files(goldenExp).Where(f => f.StartsWith("datasets/", StringComparison.Ordinal) || f.StartsWith("tags/", StringComparison.Ordinal)))
        {
            File.ReadAllText(Path.Combine(oursExp, file)).Should().Be(File.ReadAllText(Path.Combine(goldenExp, file)), file);
        }

        var inputId = LocalFileStore.Md5Hex("19dd7d3b211340231d53317e59495c6a" + recorder.RunId);
        File.ReadAllText(Path.Combine(ours, "inputs", inputId, "meta.yaml"))
            .Should().Be(File.ReadAllText(Path.Combine(golden, "inputs", "8721faf505e8eb64a150910dcd326eff", "meta.yaml")));

        // Metric files: same values and steps, timestamps in the same format.
        foreach (var file in Files(golden).Where(f => f.StartsWith("metrics/", StringComparison.Ordinal)))
        {
            var expected = File.ReadAllLines(Path.Combine(golden, file)).Select(DropTimestamp);
            var actual = File.ReadAllLines(Path.Combine(ours, file));
            actual.Should().AllSatisfy(l => l.Should().MatchRegex(@"^\d{13} \S+ \d+$"));
            actual.Select(DropTimestamp).Should().Equal(expected, file);
            File.ReadAllText(Path.Combine(ours, file)).Should().EndWith("\n");
        }

        // meta.yaml: same text once ids, times and the store location are normalized.
        Normalize(File.ReadAllText(Path.Combine(ours, "meta.yaml")), recorder.RunId, experimentId, storeRoot)
            .Should().Be(Normalize(File.ReadAllText(Path.Combine(golden, "meta.yaml")), Fixtures.GoldenBaseline, Fixtures.GoldenExperiment, "/srv/mlflow-golden/mlruns"));
        Normalize(File.ReadAllText(Path.Combine(oursExp, "meta.yaml")), recorder.RunId, experimentId, storeRoot)
            .Should().Be(Normalize(File.ReadAllText(Path.Combine(goldenExp, "meta.yaml")), Fixtures.GoldenBaseline, Fixtures.GoldenExperiment, "/srv/mlflow-golden/mlruns"));
        Normalize(File.ReadAllText(Path.Combine(storeRoot, "0", "meta.yaml")), recorder.RunId, experimentId, storeRoot)
            .Should().Be(Normalize(File.ReadAllText(Path.Combine(Fixtures.Golden, "0", "meta.yaml")), Fixtures.GoldenBaseline, Fixtures.GoldenExperiment, "/srv/mlflow-golden/mlruns"));
        experimentId.Should().MatchRegex(@"^[1-9]\d{17}$");
    }

    [Fact]
    public async Task The_golden_store_reads_back_as_mlflow_serves_it()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mlruns");
        CopyTree(Fixtures.Golden, root);
        using var store = new LocalFileStore(root);

        var experiment = await store.GetExperimentByNameAsync("csharp-golden");
        experiment!.ExperimentId.Should().Be(Fixtures.GoldenExperiment);
        experiment.Tags.Should().Contain(new RunTag("team", "csharp"));
        (await store.GetExperimentByNameAsync("csharp-golden-deleted"))!.LifecycleStage.Should().Be(LifecycleStage.Deleted);

        var run = await store.GetRunAsync(Fixtures.GoldenBaseline);
        run.Info.Status.Should().Be(RunStatus.Finished);
        run.Info.RunName.Should().Be("baseline");
        run.Data.Metric("acc")!.Value.Should().Be(0.79);
        run.Data.Metric("acc")!.Step.Should().Be(4);
        double.IsNaN(run.Data.Metric("nan_metric")!.Value).Should().BeTrue();
        run.Data.Metric("val/acc")!.Value.Should().Be(0.75);
        run.Data.Param("empty_param").Should().BeEmpty();
        run.Data.Tag("unicode").Should().Be("héllo wörld ✓");
        run.Inputs.Should().ContainSingle().Which.Dataset.Digest.Should().Be("bafbd3d2");

        var history = await store.GetMetricHistoryAsync(Fixtures.GoldenBaseline, "loss");
        history.Select(m => m.Value).Should().Equal(1.0, 0.5, 1.0 / 3.0, 0.25, 0.2);

        var page = await store.SearchRunsAsync(new SearchRunsQuery
        {
            ExperimentIds = [Fixtures.GoldenExperiment],
            Filter = "metrics.acc > 0.5",
            OrderBy = ["metrics.acc DESC"],
        });
        page.Runs.Select(r => r.Info.RunName).Should().Equal("baseline", "child-trial-1");

        var deleted = await store.SearchRunsAsync(new SearchRunsQuery { ExperimentIds = [Fixtures.GoldenExperiment], ViewType = ViewType.DeletedOnly });
        deleted.Runs.Should().ContainSingle().Which.Info.RunName.Should().Be("deleted-run");

        var nested = await store.SearchRunsAsync(new SearchRunsQuery
        {
            ExperimentIds = [Fixtures.GoldenExperiment],
            Filter = "tags.mlflow.parentRunId = '75e7dd10e387444f9f8698a27ddc8400' and attributes.status = 'FINISHED'",
        });
        nested.Runs.Should().ContainSingle().Which.Info.RunName.Should().Be("child-trial-1");

        var paged = await store.SearchRunsAsync(new SearchRunsQuery { ExperimentIds = [Fixtures.GoldenExperiment], MaxResults = 2, OrderBy = ["attributes.start_time ASC"] });
        paged.Runs.Select(r => r.Info.RunName).Should().Equal("baseline", "parent-sweep");
        var next = await store.SearchRunsAsync(new SearchRunsQuery { ExperimentIds = [Fixtures.GoldenExperiment], MaxResults = 2, OrderBy = ["attributes.start_time ASC"], PageToken = paged.NextPageToken });
        next.Runs.Select(r => r.Info.RunName).Should().Equal("child-trial-1", "crashing-run");
        next.NextPageToken.Should().BeNull();

        var listing = await store.ListArtifactsAsync(Fixtures.GoldenBaseline);
        listing.Should().Equal(
            new ArtifactInfo("model", true, null),
            new ArtifactInfo("notes.txt", false, 42),
            new ArtifactInfo("plots", true, null),
            new ArtifactInfo("reports", true, null));
        (await store.ListArtifactsAsync(Fixtures.GoldenBaseline, "reports/deep")).Should().ContainSingle().Which.Path.Should().Be("reports/deep/history.csv");

        var downloaded = await store.DownloadArtifactsAsync(Fixtures.GoldenBaseline, "model/config.json", temp.Sub("dl"));
        File.ReadAllText(downloaded).Should().Contain("\"activation\": \"relu\"");
    }

    private static string DropTimestamp(string line) => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    private static string Normalize(string yaml, string runId, string experimentId, string root) =>
        Regex.Replace(
            yaml.Replace(new Uri(root).AbsoluteUri, "ROOT", StringComparison.Ordinal).Replace("file://" + root, "ROOT", StringComparison.Ordinal)
                .Replace(runId, "RUN", StringComparison.Ordinal).Replace(experimentId, "EXP", StringComparison.Ordinal),
            @"(time): \d{13}",
            "$1: T");

    private static List<string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
