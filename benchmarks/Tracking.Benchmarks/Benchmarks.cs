using System.Diagnostics;
using System.Globalization;
using Crucible.Tracking.FileStore;
using Crucible.Tracking.Recording;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Benchmarks;

/// <summary>
/// Measures the async recording path: the cost of one LogMetric call on the training thread, and
/// points per second end to end (enqueue, outbox with fsync, delivery) into the local file store
/// and into a fake MLflow server over loopback HTTP.
/// </summary>
internal static class Benchmarks
{
    public static async Task<int> RunAsync(int points)
    {
        var root = Path.Combine(Path.GetTempPath(), "crucible-tracking-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"Crucible.Tracking benchmark: {points:N0} points per measurement, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
            await CallCostAsync(root, points);
            await ThroughputAsync("local file store", root, points, () => new LocalFileStore(Path.Combine(root, "mlruns")));
            using var server = new FakeMlflowServer();
            await ThroughputAsync("fake MLflow server (loopback HTTP)", root, points, () => new MlflowRestStore(server.BaseUri, new MlflowRestOptions()));
            Console.WriteLine($"  log-batch requests sent to the fake server: {server.LogBatchBodies.Count:N0}");
            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static RecorderOptions Options(string root) => new() { OutboxDirectory = Path.Combine(root, "outbox"), EndTimeout = TimeSpan.FromMinutes(10) };

    private static async Task CallCostAsync(string root, int points)
    {
        using var store = new LocalFileStore(Path.Combine(root, "mlruns"));
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "bench", RunName = "call-cost", SourceDirectory = root }, Options(root));

        // Warm up the JIT and the channel.
        for (var i = 0; i < 10_000; i++)
        {
            recorder.LogMetric("warmup", i, i);
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < points; i++)
        {
            recorder.LogMetric("loss", i * 0.001, i);
        }

        sw.Stop();
        var meanNs = sw.Elapsed.TotalNanoseconds / points;

        // Per-call latencies (each includes ~20-30 ns of timer overhead).
        var samples = Math.Min(points, 200_000);
        var latencies = new double[samples];
        var tickNs = 1e9 / Stopwatch.Frequency;
        for (var i = 0; i < samples; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            recorder.LogMetric("acc", i * 0.001, i);
            latencies[i] = (Stopwatch.GetTimestamp() - t0) * tickNs;
        }

        Array.Sort(latencies);
        await recorder.EndAsync();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  LogMetric on the training thread: mean {meanNs:F0} ns/call; per call p50 {latencies[samples / 2]:F0} ns, p99 {latencies[(int)(samples * 0.99)]:F0} ns, p99.9 {latencies[(int)(samples * 0.999)]:F0} ns, max {latencies[^1] / 1000:F0} us"));
    }

    private static async Task ThroughputAsync(string name, string root, int points, Func<ITrackingStore> open)
    {
        using var store = open();
        var recorder = await RunRecorder.StartAsync(store, new RunStartOptions { ExperimentName = "bench", RunName = name, SourceDirectory = root }, Options(root));
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < points; i++)
        {
            recorder.LogMetric("loss", i * 0.001, i);
        }

        var enqueued = sw.Elapsed;
        var result = await recorder.EndAsync();
        sw.Stop();
        if (!result.Delivered)
        {
            throw new InvalidOperationException($"Benchmark run into {name} was not fully delivered: {result.LastError}");
        }

        var history = await store.GetMetricHistoryAsync(recorder.RunId, "loss");
        if (history.Count != points)
        {
            throw new InvalidOperationException($"{name}: {history.Count} points stored, {points} logged.");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  into {name}: {points / sw.Elapsed.TotalSeconds:N0} points/s end to end ({sw.Elapsed.TotalSeconds:F2} s for {points:N0}; enqueueing took {enqueued.TotalMilliseconds:F0} ms)"));
    }
}
