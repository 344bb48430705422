namespace Crucible.Integration.Tests;

/// <summary><c>crucible sync</c> delivers what a run left in its outbox.</summary>
public sealed class SyncCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Sync_with_nothing_pending_reports_it_and_succeeds()
    {
        var result = await workspace.RunAsync("sync");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("0 outbox(es)");
    }

    [Fact]
    public async Task Sync_after_a_hard_kill_delivers_the_recorded_epochs_and_ends_the_run()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 5000));
        // --verbose: every epoch's line is printed (by default one every few seconds), to wait on.
        using (var process = Cli.Start(workspace.Root, "run", file, "--verbose"))
        {
            (await process.WaitForOutputAsync("Epoch 3/5000")).Should().BeTrue("training must reach epoch 3");

            // Killed once the store holds three epochs' train_loss (each was in the outbox before the store
            // saw it): whatever else the outbox holds unacknowledged, sync must deliver once, no point twice.
            (await StoredPointsAsync("train_loss", 3, process)).Should().BeTrue("the run delivers its epochs to the store while it trains");
            process.KillHard();
            await process.WaitAsync();
        }

        var result = await workspace.RunAsync("sync");

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().NotBe("RUNNING", "sync ends a run whose process died");
        run.History("train_loss").Count.Should().BeGreaterThanOrEqualTo(3);
        run.Metrics["train_loss"].Select(p => p.Step).Should().OnlyHaveUniqueItems("no metric point arrives twice");
    }

    /// <summary>
    /// Waits (re-reading, not sleeping a fixed time) until the local store's file of metric
    /// <paramref name="key"/> holds <paramref name="count"/> whole lines; false if the process ends first.
    /// </summary>
    private async Task<bool> StoredPointsAsync(string key, int count, Cli.CliProcess process)
    {
        var deadline = DateTime.UtcNow + Cli.DefaultTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var files = System.IO.Directory.Exists(workspace.MlRuns)
                ? System.IO.Directory.EnumerateFiles(workspace.MlRuns, key, SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "metrics")
                : [];
            if (files.Any(f => File.ReadAllText(f).Count(c => c == '\n') >= count))
            {
                return true;
            }

            if (process.HasExited)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return false;
    }
}
