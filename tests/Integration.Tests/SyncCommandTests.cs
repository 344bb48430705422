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
            (await process.WaitForOutputAsync("Epoch 3/5000", TimeSpan.FromMinutes(2))).Should().BeTrue("training must reach epoch 3");

            // What was enqueued more than a second before the kill must survive it.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            process.KillHard();
            await process.WaitAsync(TimeSpan.FromMinutes(5));
        }

        var result = await workspace.RunAsync("sync");

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().NotBe("RUNNING", "sync ends a run whose process died");
        run.History("train_loss").Count.Should().BeGreaterThanOrEqualTo(3);
        run.Metrics["train_loss"].Select(p => p.Step).Should().OnlyHaveUniqueItems("no metric point arrives twice");
    }
}
