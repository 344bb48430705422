using Crucible.Tracking.FileStore;
using Crucible.Tracking.Model;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

/// <summary>
/// Each (run, metric, step) is recorded once whatever fails: faults are injected at every write
/// (a full disk part way through a batch, a line torn by a crash, a write whose acknowledgement is
/// lost, an HTTP answer that never comes back) and the points in the store are counted.
/// </summary>
public class ExactlyOnceTests
{
    private static readonly string[] Keys = ["a_loss", "b_accuracy", "z_full"];

    private static RecorderOptions Fast(TempDirectory temp) => new()
    {
        OutboxDirectory = temp.Sub("outbox"),
        FlushInterval = TimeSpan.FromMilliseconds(20),
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
        EndTimeout = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task A_full_disk_part_way_through_a_batch_records_every_point_once_after_the_retries()
    {
        using var temp = new TempDirectory();
        using var local = new LocalFileStore(temp.Sub("mlruns"));
        var (store, faults) = FaultyStore.Wrap(local);
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "enospc", SourceDirectory = temp.Path }, Fast(temp));
        var diskFull = true;

        // The batch writes a_loss and b_accuracy, then half of z_full's lines before the disk is full.
        local.WriteMetricBytes = (stream, bytes) =>
        {
            if (diskFull && stream.Name.EndsWith("z_full", StringComparison.Ordinal))
            {
                stream.Write(bytes, 0, bytes.Length / 2);
                stream.Flush();
                throw new IOException("No space left on device");
            }

            stream.Write(bytes);
        };
        for (var step = 1; step <= 10; step++)
        {
            foreach (var key in Keys)
            {
                recorder.LogMetric(key, step / 10.0, step);
            }
        }

        await Eventually.WaitUntil(() => faults.LogBatchCalls >= 4 && recorder.LastDeliveryError is IOException, "the batch is retried while the disk is full");
        diskFull = false;
        var result = await recorder.EndAsync();

        result.Delivered.Should().BeTrue();
        foreach (var key in Keys)
        {
            var history = await local.GetMetricHistoryAsync(recorder.RunId, key);
            history.Select(m => m.Step).Should().Equal(Enumerable.Range(1, 10).Select(s => (long)s), $"each step of {key} is recorded once");
        }
    }

    [Fact]
    public async Task A_write_whose_acknowledgement_is_lost_is_not_recorded_again_by_the_retry()
    {
        using var temp = new TempDirectory();
        using var local = new LocalFileStore(temp.Sub("mlruns"));
        var (store, faults) = FaultyStore.Wrap(local);
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "lost-ack", SourceDirectory = temp.Path }, Fast(temp));
        var lost = 0;
        faults.After = name =>
        {
            if (name == nameof(ITrackingStore.LogBatchAsync) && Interlocked.Increment(ref lost) <= 3)
            {
                throw new IOException("the process died between the write and its acknowledgement");
            }
        };
        for (var step = 0; step < 50; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
            recorder.LogMetric("accuracy", step / 50.0, step);
        }

        var result = await recorder.EndAsync();

        result.Delivered.Should().BeTrue();
        lost.Should().BeGreaterThan(3, "three writes lost their acknowledgement and were retried");
        (await local.GetMetricHistoryAsync(recorder.RunId, "loss")).Select(m => m.Step).Should().Equal(Enumerable.Range(0, 50).Select(s => (long)s));
        (await local.GetMetricHistoryAsync(recorder.RunId, "accuracy")).Select(m => m.Step).Should().Equal(Enumerable.Range(0, 50).Select(s => (long)s));
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_dropped_and_the_replayed_batch_is_recorded_once()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mlruns");
        string runId;
        string file;
        var points = Enumerable.Range(0, 5).Select(s => new Metric("loss", s * 0.5, 1_700_000_000_000 + s, s)).ToList();
        using (var first = new LocalFileStore(root))
        {
            var run = await first.CreateRunAsync("0", "torn", 1, "me", []);
            runId = run.RunId;
            await first.LogBatchAsync(runId, points.Take(3).ToList(), [], []);
            file = Path.Combine(first.Root, "0", runId, "metrics", "loss");
        }

        // The process was killed in the middle of writing step 3's line.
        await File.AppendAllTextAsync(file, "1700000000003 1.");

        using var second = new LocalFileStore(root);
        await second.LogBatchAsync(runId, points, [], []);

        (await File.ReadAllLinesAsync(file)).Should().HaveCount(5).And.OnlyHaveUniqueItems();
        (await second.GetMetricHistoryAsync(runId, "loss")).Should().Equal(points);
    }

    [Fact]
    public async Task A_lost_answer_to_a_log_batch_is_retried_as_an_exact_repeat_that_the_server_stores_once()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        using var store = new MlflowRestStore(server.BaseUri);
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "lost-answer", SourceDirectory = temp.Path }, Fast(temp));
        server.InjectFaults(FakeMlflowServer.Fault.LoseLogBatchResponse, 3);
        for (var step = 0; step < 200; step++)
        {
            recorder.LogMetric("loss", 1.0 / (step + 1), step);
        }

        var result = await recorder.EndAsync();

        result.Delivered.Should().BeTrue();
        server.PendingFaults.Should().Be(0);
        var receipts = server.MetricReceipts.Where(r => r.Key.Run == recorder.RunId).ToList();
        receipts.Should().HaveCount(200, "every retry repeats key, value, timestamp and step exactly");
        receipts.Should().Contain(r => r.Value > 1, "the lost answers made the client send points again");
        server.Run(recorder.RunId).Metrics.Select(m => m.Step).Should().Equal(Enumerable.Range(0, 200).Select(s => (long)s));
    }
}
