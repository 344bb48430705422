using Crucible.Tracking.FileStore;
using Crucible.Tracking.Model;
using Crucible.Tracking.Outbox;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

/// <summary>
/// A store that is down when a run starts does not hold up training: the run records into the
/// outbox under a provisional id, and sync creates it on the store and delivers everything once.
/// A resumed run does not record again the steps it recorded before a crash.
/// </summary>
public class OfflineRunTests
{
    private static RecorderOptions Fast(TempDirectory temp) => new()
    {
        OutboxDirectory = temp.Sub("outbox"),
        FlushInterval = TimeSpan.FromMilliseconds(20),
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
        EndTimeout = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task A_run_started_while_the_server_is_unreachable_records_offline_and_sync_creates_it()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer { Unreachable = true };
        var options = new MlflowRestOptions();
        using var store = new MlflowRestStore(server.BaseUri, options);
        var started = DateTime.UtcNow;

        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "offline", RunName = "first", User = "me", Tags = new Dictionary<string, string> { ["team"] = "a" }, SourceDirectory = temp.Path }, Fast(temp));

        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30), "training does not wait for retries");
        recorder.IsProvisional.Should().BeTrue();
        recorder.RunId.Should().StartWith(RunRecorder.ProvisionalPrefix);
        recorder.LogParam("lr", "0.1");
        for (var step = 0; step < 300; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
        }

        var result = await recorder.EndAsync();
        result.Delivered.Should().BeFalse();
        result.PendingRecords.Should().Be(302);
        File.ReadAllText(result.OutboxPath!).Should().Contain(recorder.RunId);

        // Still down: sync reports it and keeps everything.
        var stillDown = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));
        stillDown.AllDelivered.Should().BeFalse();
        File.Exists(result.OutboxPath).Should().BeTrue();

        server.Unreachable = false;
        var report = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));

        report.AllDelivered.Should().BeTrue(string.Join("; ", report.Errors));
        report.CreatedRuns.Should().ContainKey(recorder.RunId);
        var runId = report.CreatedRuns![recorder.RunId];
        runId.Should().NotStartWith(RunRecorder.ProvisionalPrefix);
        var run = server.Run(runId);
        run.Status.Should().Be("FINISHED");
        run.Params.Should().Contain("lr", "0.1");
        run.Tags.Should().Contain("team", "a").And.Contain(SystemTags.ProvisionalRunId, recorder.RunId).And.Contain("mlflow.runName", "first");
        run.Metrics.Select(m => m.Step).Should().Equal(Enumerable.Range(0, 300).Select(s => (long)s));
        server.MetricReceipts.Where(r => r.Key.Run == runId).Should().OnlyContain(r => r.Value == 1);
        Directory.EnumerateFiles(temp.Sub("outbox")).Should().BeEmpty();

        var again = await OutboxReplayer.SyncAllAsync(temp.Sub("outbox"), uri => new MlflowRestStore(uri, options));
        again.Runs.Should().Be(0, "nothing is created or sent twice");
    }

    [Fact]
    public async Task A_resumed_run_skips_the_steps_it_recorded_before_the_crash()
    {
        using var temp = new TempDirectory();
        using var store = new LocalFileStore(temp.Sub("mlruns"));
        var first = await RunRecorder.StartAsync(store, new RunStartOptions { SourceDirectory = temp.Path }, Fast(temp));
        for (var step = 1; step <= 8; step++)
        {
            first.LogMetric("train_loss", 1.0 / step, step);
        }

        (await first.FlushAsync()).Should().BeTrue();
        await first.EndAsync(RunStatus.Killed);

        // The last checkpoint was after epoch 5: the resumed run trains epochs 6 to 10 again.
        var resumed = await RunRecorder.ResumeAsync(store, first.RunId, Fast(temp));
        for (var step = 6; step <= 10; step++)
        {
            resumed.LogMetric("train_loss", 2.0 / step, step);
        }

        await resumed.EndAsync();

        var history = await store.GetMetricHistoryAsync(first.RunId, "train_loss");
        history.Select(m => m.Step).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        history.Single(m => m.Step == 7).Value.Should().Be(1.0 / 7, "the step recorded before the crash stays");
    }
}
