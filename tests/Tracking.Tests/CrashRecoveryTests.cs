using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Crucible.Tracking.Rest;
using Crucible.Tracking.Tests.FakeMlflow;

namespace Crucible.Tracking.Tests;

/// <summary>
/// A training process killed with SIGKILL mid-run, while its server is down, loses nothing that
/// was logged more than a second before the kill: `crucible sync` (OutboxReplayer) delivers it,
/// exactly once, and ends the run as FAILED.
/// </summary>
public class CrashRecoveryTests
{
    [Fact]
    public async Task Records_logged_a_second_before_a_sigkill_are_delivered_by_sync_exactly_once()
    {
        using var temp = new TempDirectory();
        using var server = new FakeMlflowServer();
        var outbox = temp.Sub("outbox");
        var steps = new ConcurrentQueue<(long Step, long Time)>();
        string? runId = null;
        var started = new TaskCompletionSource();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", [HelperPath(), "crash-helper", server.BaseUri, outbox])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            var parts = e.Data.Split(' ');
            if (parts[0] == "RUN")
            {
                runId = parts[1];
                started.TrySetResult();
            }
            else if (parts[0] == "STEP")
            {
                steps.Enqueue((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(60)))).Should().Be(started.Task, "the helper starts a run");

        // Deliveries work for a while, then the server goes down and the outbox grows.
        await Task.Delay(700);
        server.Down = true;
        await Task.Delay(1800);

        // Process.Kill sends SIGKILL on Unix: no finalizers, no flush, no chance to end the run.
        var killTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        process.Kill();
        await process.WaitForExitAsync();
        runId.Should().NotBeNull();
        var mustArrive = steps.Where(s => s.Time <= killTime - 1000).Select(s => s.Step).ToList();
        mustArrive.Should().HaveCountGreaterThan(300, "the helper logged for over a second before the kill");
        server.MetricReceipts.Keys.Count(k => k.Run == runId).Should().BeLessThan(mustArrive.Count, "part of the run waits in the outbox");

        server.Down = false;
        var report = await OutboxReplayer.SyncAllAsync(outbox, uri => new MlflowRestStore(uri, new MlflowRestOptions { MaxRetries = 2 }));

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
