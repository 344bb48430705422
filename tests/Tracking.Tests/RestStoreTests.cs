using Crucible.Tracking.Model;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

public class RestStoreTests
{
    private static MlflowRestStore Store(FakeMlflowServer server, MlflowRestOptions? options = null) =>
        new(server.BaseUri, options ?? new MlflowRestOptions());

    [Fact]
    public async Task A_recorded_run_arrives_whole_through_the_rest_api()
    {
        using var server = new FakeMlflowServer();
        using var store = Store(server);
        using var temp = new TempDirectory();
        var recorder = await RunRecorder.StartAsync(
            store,
            new RunStartOptions { ExperimentName = "rest-e2e", RunName = "r1", User = "tester", SourceName = "test.dll", Description = "notes", SourceDirectory = temp.Path },
            new RecorderOptions { OutboxDirectory = temp.Sub("outbox"), FlushInterval = TimeSpan.FromMilliseconds(20) });
        recorder.LogParams(Enumerable.Range(0, 150).Select(i => new KeyValuePair<string, string>($"p{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        for (var step = 0; step < 2500; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
        }

        recorder.LogMetric("nan", double.NaN);
        recorder.SetTag("stage", "dev");
        recorder.LogInput(DatasetInput.WithContext(new Dataset("mnist-train", "abc123", "local", "{\"uri\": \"/data/mnist\"}"), "training"));
        var file = Path.Combine(temp.Path, "model.safetensors");
        await File.WriteAllBytesAsync(file, [1, 2, 3, 4]);
        recorder.LogArtifact(file, "checkpoints");
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "plots")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a.svg"), "<svg/>");
        Directory.CreateDirectory(Path.Combine(folder, "deep"));
        await File.WriteAllTextAsync(Path.Combine(folder, "deep", "b.txt"), "b");
        recorder.LogArtifact(folder, "plots");
        var result = await recorder.EndAsync();

        result.Delivered.Should().BeTrue();
        File.Exists(recorder.OutboxPath).Should().BeFalse();
        var run = server.Run(recorder.RunId);
        run.Status.Should().Be("FINISHED");
        run.EndTime.Should().NotBeNull();
        run.Params.Should().HaveCount(150);
        run.Metrics.Count(m => m.Key == "loss").Should().Be(2500);
        double.IsNaN(run.Metrics.Single(m => m.Key == "nan").Value).Should().BeTrue();
        run.Tags.Should().Contain("mlflow.user", "tester").And.Contain("mlflow.source.name", "test.dll").And.Contain("mlflow.source.type", "LOCAL")
            .And.Contain("mlflow.note.content", "notes").And.Contain("mlflow.runName", "r1").And.Contain("stage", "dev");
        run.Inputs.Should().Be(1);
        server.LogBatchBodies.Should().HaveCountGreaterThanOrEqualTo(4, "2500 metrics and 150 params need several requests");

        // Reading back: history (paged), listing and downloading artifacts.
        store.HistoryPageSize = 1000;
        var history = await store.GetMetricHistoryAsync(recorder.RunId, "loss");
        history.Select(m => m.Step).Should().Equal(Enumerable.Range(0, 2500).Select(i => (long)i));
        var listing = await store.ListArtifactsAsync(recorder.RunId);
        listing.Should().Equal(new ArtifactInfo("checkpoints", true, null), new ArtifactInfo("plots", true, null));
        (await store.ListArtifactsAsync(recorder.RunId, "checkpoints")).Should().Equal(new ArtifactInfo("checkpoints/model.safetensors", false, 4));
        var downloaded = await store.DownloadArtifactsAsync(recorder.RunId, "plots", temp.Sub("dl"));
        File.ReadAllText(Path.Combine(downloaded, "deep", "b.txt")).Should().Be("b");
        File.ReadAllText(Path.Combine(downloaded, "a.svg")).Should().Be("<svg/>");
        var checkpoint = await store.DownloadArtifactsAsync(recorder.RunId, "checkpoints/model.safetensors", temp.Sub("dl2"));
        File.ReadAllBytes(checkpoint).Should().Equal(1, 2, 3, 4);

        var found = await store.SearchAllRunsAsync(new SearchRunsQuery { ExperimentIds = [recorder.ExperimentId], MaxResults = 1 });
        found.Should().ContainSingle().Which.Info.RunId.Should().Be(recorder.RunId);
    }

    [Fact]
    public async Task Batches_are_split_to_the_server_limits()
    {
        using var server = new FakeMlflowServer();
        using var store = Store(server);
        var experiment = await store.CreateExperimentAsync("split");
        var run = await store.CreateRunAsync(experiment, "r", 1, "u", []);
        var metrics = Enumerable.Range(0, 2500).Select(i => new Metric("m", i, 1, i)).ToList();
        var ps = Enumerable.Range(0, 250).Select(i => new Param($"p{i}", "v")).ToList();
        var tags = Enumerable.Range(0, 150).Select(i => new RunTag($"t{i}", "v")).ToList();

        await store.LogBatchAsync(run.RunId, metrics, ps, tags);

        var stored = server.Run(run.RunId);
        stored.Metrics.Should().HaveCount(2500);
        stored.Params.Should().HaveCount(250);
        stored.Tags.Keys.Count(k => k.StartsWith('t')).Should().Be(150);
        server.LogBatchBodies.Should().HaveCount(6, "250 params need 3 requests, 150 tags 2 more (shared with params), 2500 metrics 3 (one shared)");
    }

    [Fact]
    public async Task A_large_batch_stays_under_one_megabyte_per_request()
    {
        using var server = new FakeMlflowServer();
        using var store = Store(server);
        var experiment = await store.CreateExperimentAsync("big");
        var run = await store.CreateRunAsync(experiment, "r", 1, "u", []);
        var ps = Enumerable.Range(0, 400).Select(i => new Param($"p{i}", new string('x', 5999))).ToList();

        await store.LogBatchAsync(run.RunId, [], ps, []);

        server.Run(run.RunId).Params.Should().HaveCount(400);
        server.LogBatchBodies.Should().AllSatisfy(b => System.Text.Encoding.UTF8.GetByteCount(b).Should().BeLessThan(1_000_000));
    }

    [Fact]
    public async Task Each_call_is_one_attempt_and_a_503_carries_the_servers_retry_after()
    {
        using var server = new FakeMlflowServer();
        using var store = Store(server);
        server.InjectFaults(FakeMlflowServer.Fault.ServiceUnavailableRetryAfter, 1);

        var act = () => store.CreateExperimentAsync("once");

        var error = (await act.Should().ThrowAsync<MlflowApiException>()).Which;
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
        error.RetryAfter.Should().Be(TimeSpan.Zero, "Retry-After: 0 is passed on for the recorder's retry loop");
        server.Requests.Should().Be(1, "the recorder's delivery loop is the one retry policy");
    }

    [Fact]
    public async Task A_server_that_is_down_is_reported_after_one_attempt()
    {
        using var server = new FakeMlflowServer { Unreachable = true };
        using var store = Store(server);

        var act = () => store.GetExperimentAsync("1");

        (await act.Should().ThrowAsync<TrackingException>()).Which.Message.Should().Contain(server.BaseUri).And.Contain("Cannot reach");
        server.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Permanent_errors_are_not_retried()
    {
        using var server = new FakeMlflowServer();
        using var store = Store(server);

        var act = () => store.GetRunAsync("0123456789abcdef0123456789abcdef");

        await act.Should().ThrowAsync<ResourceNotFoundException>();
        server.Requests.Should().Be(1);
    }

    [Theory]
    [InlineData("alice", "pw", null, "Basic YWxpY2U6cHc=")]
    [InlineData(null, null, "tok123", "Bearer tok123")]
    [InlineData(null, null, null, null)]
    public async Task Credentials_come_from_the_mlflow_tracking_variables(string? user, string? password, string? token, string? expected)
    {
        using var server = new FakeMlflowServer();
        var env = new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_USERNAME"] = user,
            ["MLFLOW_TRACKING_PASSWORD"] = password,
            ["MLFLOW_TRACKING_TOKEN"] = token,
            ["MLFLOW_TRACKING_INSECURE_TLS"] = "true",
        };
        var options = MlflowRestOptions.FromEnvironment(name => env.GetValueOrDefault(name));
        options.InsecureTls.Should().BeTrue();
        using var store = new MlflowRestStore(server.BaseUri, options);

        await store.CreateExperimentAsync("auth");

        server.LastAuthorization.Should().Be(expected);
    }

    [Fact]
    public async Task Metric_history_always_sends_max_results()
    {
        // The fake answers as MLflow 3.4-3.11 do: without max_results there are no metrics.
        using var server = new FakeMlflowServer();
        using var store = Store(server);
        var experiment = await store.CreateExperimentAsync("history");
        var run = await store.CreateRunAsync(experiment, "r", 1, "u", []);
        await store.LogBatchAsync(run.RunId, [new Metric("acc", 0.5, 10, 0), new Metric("acc", 0.6, 11, 1)], [], []);

        var history = await store.GetMetricHistoryAsync(run.RunId, "acc");

        history.Select(m => m.Value).Should().Equal(0.5, 0.6);
    }
}
