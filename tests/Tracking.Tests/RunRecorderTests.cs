using Crucible.Tracking.FileStore;
using Crucible.Tracking.Model;
using Crucible.Tracking.Outbox;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

public class RunRecorderTests
{
    private static RecorderOptions Fast(TempDirectory temp) => new()
    {
        OutboxDirectory = temp.Sub("outbox"),
        FlushInterval = TimeSpan.FromMilliseconds(20),
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        EndTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task A_failed_run_records_the_error_as_a_tag_and_an_artifact()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "fails", SourceDirectory = temp.Path }, Fast(temp));
        recorder.LogMetric("loss", 5.0, 0);
        recorder.LogMetric("loss", double.NaN, 1);
        Exception error;
        try
        {
            throw new InvalidOperationException("loss diverged at http://u:secret@host");
        }
        catch (InvalidOperationException ex)
        {
            error = ex;
        }

        var result = await recorder.EndAsync(RunStatus.Failed, error);

        result.Delivered.Should().BeTrue();
        var run = await store.GetRunAsync(recorder.RunId);
        run.Info.Status.Should().Be(RunStatus.Failed);
        run.Info.EndTime.Should().NotBeNull();
        run.Data.Tag(SystemTags.Error).Should().Be("InvalidOperationException: loss diverged at http://***@host");
        var text = await File.ReadAllTextAsync(await store.DownloadArtifactsAsync(recorder.RunId, "error.txt", temp.Sub("dl")));
        text.Should().Contain("InvalidOperationException").And.Contain("at Crucible.Tracking.Tests").And.NotContain("secret");
        (await store.GetMetricHistoryAsync(recorder.RunId, "loss")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_delivered_artifact_snapshot_is_released_while_the_run_goes_on()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "snapshots", SourceDirectory = temp.Path }, Fast(temp));
        var checkpoint = temp.Sub("checkpoint");
        Directory.CreateDirectory(checkpoint);
        await File.WriteAllTextAsync(Path.Combine(checkpoint, "checkpoint.json"), "{}");
        recorder.LogArtifact(checkpoint, "checkpoints/last");
        var spool = Directory.GetDirectories(temp.Sub("outbox"), "*.files").Should().ContainSingle().Subject;
        Directory.GetDirectories(spool).Should().ContainSingle("the artifact is snapshotted when it is logged");

        (await recorder.FlushAsync()).Should().BeTrue();

        Directory.GetDirectories(spool).Should().BeEmpty("a delivered snapshot is released once its acknowledgement is on disk, not when the run ends");
        var delivered = await store.DownloadArtifactsAsync(recorder.RunId, "checkpoints/last/checkpoint.json", temp.Sub("dl"));
        (await File.ReadAllTextAsync(delivered)).Should().Be("{}");
        (await recorder.EndAsync()).Delivered.Should().BeTrue();
    }

    [Fact]
    public async Task System_tags_nested_runs_and_run_names_are_recorded()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var parent = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "sweep", RunName = "parent", SourceDirectory = AppContext.BaseDirectory }, Fast(temp));
        var child = await RunRecorder.StartAsync(
            store,
            new RunStartOptions { ExperimentId = parent.ExperimentId, ParentRunId = parent.RunId, Description = "trial **1**", SourceDirectory = temp.Path },
            Fast(temp));
        await child.EndAsync();
        await parent.EndAsync(RunStatus.Killed);

        var c = await store.GetRunAsync(child.RunId);
        c.Data.Tag(SystemTags.ParentRunId).Should().Be(parent.RunId);
        c.Data.Tag(SystemTags.NoteContent).Should().Be("trial **1**");
        c.Data.Tag(SystemTags.SourceType).Should().Be("LOCAL");
        c.Data.Tag(SystemTags.User).Should().NotBeNullOrEmpty();
        c.Data.Tag(SystemTags.SourceName).Should().NotBeNullOrEmpty();
        c.Data.Tag(SystemTags.RunName).Should().MatchRegex("^[a-z]+-[a-z]+-[0-9]+$", "an unnamed run gets a generated name");
        c.Data.Tag(SystemTags.GitCommit).Should().BeNull("the temp folder is not in a git repository");
        c.Info.UserId.Should().Be(c.Data.Tag(SystemTags.User));

        var p = await store.GetRunAsync(parent.RunId);
        p.Info.Status.Should().Be(RunStatus.Killed);
        if (FindGitDirectory(AppContext.BaseDirectory))
        {
            p.Data.Tag(SystemTags.GitCommit).Should().MatchRegex("^[0-9a-f]{40}$");
        }
    }

    [Fact]
    public async Task Params_are_immutable_and_keys_are_validated_before_anything_is_queued()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        await using var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { SourceDirectory = temp.Path }, Fast(temp));
        recorder.LogParam("lr", "0.01");
        recorder.LogParam("lr", "0.01");

        var changed = () => recorder.LogParam("lr", "0.02");
        changed.Should().Throw<TrackingValidationException>().Which.Rule.Should().Be("param-immutable");
        var badKey = () => recorder.LogMetric("acc@top1!", 1);
        badKey.Should().Throw<TrackingValidationException>().Which.Key.Should().Be("acc@top1!");
        var batch = () => recorder.LogParams(new Dictionary<string, string> { ["ok"] = "1", ["lr"] = "0.5" });
        batch.Should().Throw<TrackingValidationException>();

        (await recorder.FlushAsync()).Should().BeTrue();
        var run = await store.GetRunAsync(recorder.RunId);
        run.Data.Params.Should().Equal(new Param("lr", "0.01"));
    }

    [Fact]
    public async Task Logging_after_the_end_is_an_error()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { SourceDirectory = temp.Path }, Fast(temp));
        await recorder.EndAsync();

        var act = () => recorder.LogMetric("loss", 1);

        act.Should().Throw<InvalidOperationException>();
        (await recorder.EndAsync()).Delivered.Should().BeTrue("ending twice returns the first result");
    }

    [Fact]
    public async Task Resuming_a_run_continues_it_and_keeps_its_params_immutable()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var first = await RunRecorder.StartAsync(store, new RunStartOptions { SourceDirectory = temp.Path }, Fast(temp));
        first.LogParam("seed", "1");
        first.LogMetric("loss", 1, 0);
        await first.EndAsync(RunStatus.Killed);

        var resumed = await RunRecorder.ResumeAsync(store, first.RunId, Fast(temp));
        (await store.GetRunAsync(first.RunId)).Info.Status.Should().Be(RunStatus.Running);
        var change = () => resumed.LogParam("seed", "2");
        change.Should().Throw<TrackingValidationException>();
        resumed.LogMetric("loss", 0.5, 1);
        await resumed.EndAsync();

        (await store.GetMetricHistoryAsync(first.RunId, "loss")).Select(m => m.Step).Should().Equal(0, 1);
        (await store.GetRunAsync(first.RunId)).Info.Status.Should().Be(RunStatus.Finished);
    }

    [Fact]
    public async Task Concurrent_runs_in_one_local_store_do_not_corrupt_it()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mlruns");

        // Separate store instances stand for separate processes: only files and locks are shared.
        var tasks = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            using var store = new LocalFileStore(root);
            var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "shared", RunName = $"run-{i}", SourceDirectory = temp.Path }, Fast(temp));
            recorder.LogParam("worker", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var step = 0; step < 2000; step++)
            {
                recorder.LogMetric("loss", step * 0.5, step);
                recorder.LogMetric("val/acc", step, step);
            }

            recorder.SetTag("done", "yes");
            (await recorder.EndAsync()).Delivered.Should().BeTrue();
            return recorder.RunId;
        })).ToList();
        var runIds = await Task.WhenAll(tasks);

        using var reader = new LocalFileStore(root);
        var experiment = await reader.GetExperimentByNameAsync("shared");
        Directory.EnumerateDirectories(root).Count(d => File.Exists(Path.Combine(d, "meta.yaml"))).Should().Be(2, "Default plus one 'shared' experiment, created once");
        var runs = await reader.SearchAllRunsAsync(new SearchRunsQuery { ExperimentIds = [experiment!.ExperimentId] });
        runs.Select(r => r.Info.RunId).Should().BeEquivalentTo(runIds);
        foreach (var id in runIds)
        {
            var history = await reader.GetMetricHistoryAsync(id, "loss");
            history.Select(m => m.Step).Should().Equal(Enumerable.Range(0, 2000).Select(s => (long)s));
            (await reader.GetMetricHistoryAsync(id, "val/acc")).Should().HaveCount(2000);
            var run = await reader.GetRunAsync(id);
            run.Info.Status.Should().Be(RunStatus.Finished);
            run.Data.Tag("done").Should().Be("yes");
        }
    }

    [Fact]
    public async Task Every_metric_arrives_exactly_once_through_503s_and_dropped_connections()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        using var store = new MlflowRestStore(server.BaseUri, new MlflowRestOptions());
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "faults", SourceDirectory = temp.Path }, Fast(temp));
        const int points = 3000;
        for (var step = 0; step < points; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
            if (step == 500)
            {
                server.InjectFaults(FakeMlflowServer.Fault.ServiceUnavailable, 25);
            }

            if (step == 1500)
            {
                server.InjectFaults(FakeMlflowServer.Fault.DropConnection, 25);
            }

            if (step % 20 == 0)
            {
                await Task.Delay(2);
            }
        }

        var result = await recorder.EndAsync();

        result.Delivered.Should().BeTrue();
        server.FailedRequests.Should().BeGreaterThanOrEqualTo(40, "the faults happened during the run");
        var receipts = server.MetricReceipts.Where(r => r.Key.Run == recorder.RunId).ToList();
        receipts.Should().HaveCount(points);
        receipts.Should().OnlyContain(r => r.Value == 1, "no point is sent twice");
        server.Run(recorder.RunId).Status.Should().Be("FINISHED");
    }

    [Fact]
    public async Task The_delivery_loop_is_the_one_retry_policy_and_honours_the_servers_retry_after()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        using var store = new MlflowRestStore(server.BaseUri, new MlflowRestOptions());
        // Its own backoff would wait an hour: only the server's Retry-After: 0 can bring the point in.
        var options = Fast(temp) with { InitialRetryDelay = TimeSpan.FromHours(1), MaxRetryDelay = TimeSpan.FromHours(1) };
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "retry-after", SourceDirectory = temp.Path }, options);
        var before = server.Requests;
        server.InjectFaults(FakeMlflowServer.Fault.ServiceUnavailableRetryAfter, 3);

        recorder.LogMetric("loss", 0.5, 1);
        await Eventually.WaitUntil(() => server.MetricReceipts.Keys.Any(k => k.Run == recorder.RunId && k.Key == "loss"), "the point arrives after the server's Retry-After");

        server.FailedRequests.Should().Be(3, "each refused attempt is one request: the HTTP client does not retry inside the loop");
        server.MetricReceipts.Where(r => r.Key.Run == recorder.RunId).Should().ContainSingle().Which.Value.Should().Be(1);
        (server.Requests - before).Should().Be(4);
        await recorder.EndAsync();
    }

    [Fact]
    public async Task A_server_down_at_the_end_leaves_the_outbox_and_sync_delivers_it_once()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        var options = new MlflowRestOptions();
        using var store = new MlflowRestStore(server.BaseUri, options);
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "offline", SourceDirectory = temp.Path }, Fast(temp) with { EndTimeout = TimeSpan.FromMilliseconds(500) });
        for (var step = 0; step < 100; step++)
        {
            recorder.LogMetric("loss", step, step);
        }

        (await recorder.FlushAsync()).Should().BeTrue();
        server.Down = true;
        for (var step = 100; step < 300; step++)
        {
            recorder.LogMetric("loss", step, step);
        }

        recorder.LogParam("lr", "0.1");
        var result = await recorder.EndAsync();

        result.Delivered.Should().BeFalse();
        result.PendingRecords.Should().BeGreaterThanOrEqualTo(202);
        File.Exists(result.OutboxPath).Should().BeTrue();
        recorder.PendingCount.Should().Be(result.PendingRecords);

        var stillDown = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));
        stillDown.AllDelivered.Should().BeFalse();
        stillDown.Errors.Should().ContainSingle().Which.Should().Contain(recorder.RunId);

        server.Down = false;
        var report = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));
        report.AllDelivered.Should().BeTrue();
        report.CompletedRuns.Should().Be(1);
        File.Exists(result.OutboxPath).Should().BeFalse();
        var again = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));
        again.Runs.Should().Be(0);

        var receipts = server.MetricReceipts.Where(r => r.Key.Run == recorder.RunId).ToList();
        receipts.Should().HaveCount(300).And.OnlyContain(r => r.Value == 1);
        var run = server.Run(recorder.RunId);
        run.Status.Should().Be("FINISHED");
        run.Params.Should().Contain("lr", "0.1");
    }

    private static bool FindGitDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return true;
            }
        }

        return false;
    }
}
