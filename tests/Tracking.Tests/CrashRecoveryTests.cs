using System.Diagnostics;
using System.Globalization;
using Crucible.Tracking.Model;
using Crucible.Tracking.Outbox;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

/// <summary>
/// A training process killed with SIGKILL mid-run, while its server is down, loses nothing it had
/// made durable: `crucible sync` (OutboxReplayer) delivers it, exactly once, and ends the run as
/// FAILED. Every wait is on an event (a line the helper prints, a count on the server), never on time.
/// </summary>
public class CrashRecoveryTests
{
    private static readonly TimeSpan EventTimeout = Eventually.Timeout;

    [Fact]
    public async Task Records_made_durable_before_a_sigkill_are_delivered_by_sync_exactly_once()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        var outbox = temp.Sub("outbox");
        string? runId = null;
        long lastStep = -1;
        var started = new TaskCompletionSource();
        var durable = new TaskCompletionSource<long>();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [HelperPath(), "crash-helper", server.BaseUri, outbox])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) =>
        {
            var parts = e.Data?.Split(' ') ?? [];
            switch (parts.FirstOrDefault())
            {
                case "RUN":
                    runId = parts[1];
                    started.TrySetResult();
                    break;
                case "STEP":
                    Interlocked.Exchange(ref lastStep, long.Parse(parts[1], CultureInfo.InvariantCulture));
                    break;
                case "DURABLE":
                    durable.TrySetResult(long.Parse(parts[1], CultureInfo.InvariantCulture));
                    break;
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(EventTimeout);

        // Deliveries work: the server has points of the run.
        await Eventually.WaitUntil(() => server.MetricReceipts.Keys.Count(k => k.Run == runId) >= 20, "the server receives the first points");

        // The server goes down; wait until a delivery failed and more points were logged after that.
        var failedBefore = server.FailedRequests;
        server.Down = true;
        await Eventually.WaitUntil(() => server.FailedRequests > failedBefore, "a delivery fails while the server is down");
        var stepAtFailure = Interlocked.Read(ref lastStep);
        await Eventually.WaitUntil(() => Interlocked.Read(ref lastStep) >= stepAtFailure + 50, "the helper keeps logging while the server is down");

        // Ask the helper to make everything logged so far durable; kill it as soon as it says so.
        await process.StandardInput.WriteLineAsync("flush");
        await process.StandardInput.FlushAsync();
        var durableThrough = await durable.Task.WaitAsync(EventTimeout);

        // Process.Kill sends SIGKILL on Unix: no finalizers, no flush, no chance to end the run.
        process.Kill();
        await process.WaitForExitAsync();
        runId.Should().NotBeNull();
        var mustArrive = Enumerable.Range(0, (int)durableThrough + 1).Select(s => (long)s).ToList();
        server.MetricReceipts.Keys.Count(k => k.Run == runId).Should().BeLessThan(mustArrive.Count, "part of the run waits in the outbox");

        server.Down = false;
        var report = await OutboxReplayer.SyncAllAsync(outbox, uri => new MlflowRestStore(uri, new MlflowRestOptions()));

        report.AllDelivered.Should().BeTrue(string.Join("; ", report.Errors));
        report.CompletedRuns.Should().Be(1);
        var receipts = server.MetricReceipts.Where(r => r.Key.Run == runId).ToDictionary(r => r.Key.Step, r => r.Value);
        receipts.Should().ContainKeys(mustArrive);
        receipts.Values.Should().OnlyContain(count => count == 1, "no point arrives twice");
        var run = server.Run(runId!);
        run.Status.Should().Be("FAILED");
        run.Tags.Should().ContainKey(SystemTags.Error);
        run.Params.Should().Contain("mode", "crash");
        Directory.EnumerateFiles(outbox).Should().BeEmpty();
    }

    private static string HelperPath()
    {
        // tests/Tracking.Tests/bin/<Configuration>/<tfm>/ -> benchmarks/Tracking.Benchmarks/bin/<Configuration>/<tfm>/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var repo = baseDir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repo, "benchmarks", "Tracking.Benchmarks", "bin", configuration, tfm, "Crucible.Tracking.Benchmarks.dll");
        File.Exists(path).Should().BeTrue($"the crash helper is built with the tests ({path})");
        return path;
    }
}
