using System.Security.Cryptography;

namespace Crucible.Integration.Tests;

/// <summary>
/// <c>crucible run --resume RUN_ID</c>: without a file it continues with the run's own recorded
/// experiment; a file or overrides must resolve to that experiment except a larger
/// <c>training.epochs</c>; and a resume refused before training leaves the run exactly as it was.
/// </summary>
public sealed class ResumeRulesTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Resume_without_a_file_continues_with_the_recorded_experiment_and_may_grow_epochs()
    {
        using var other = new Workspace();
        var reference = await other.RunAsync("run", TinyExperiment.WriteTo(other, TinyExperiment.Classification(epochs: 4)));
        reference.ExitCode.Should().Be(0, reference.ToString());
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 2));
        var partial = await workspace.RunAsync("run", file);
        partial.ExitCode.Should().Be(0, partial.ToString());
        File.Delete(file);

        var resumed = await workspace.RunAsync("run", "--resume", RecordedRun.Single(workspace.MlRuns).RunId, "--set", "training.epochs=4");

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        resumed.StandardOutput.Should().Contain("Epoch 3/4").And.NotContain("Epoch 2/4");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.History("train_loss").Should().Equal(RecordedRun.Single(other.MlRuns).History("train_loss"));
    }

    [Fact]
    public async Task A_file_that_changes_anything_but_epochs_is_refused_with_a_diff_and_the_run_is_untouched()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 2));
        var first = await workspace.RunAsync("run", file);
        first.ExitCode.Should().Be(0, first.ToString());
        var runId = RecordedRun.Single(workspace.MlRuns).RunId;
        var before = Snapshot();

        var changed = TinyExperiment.Classification(epochs: 3);
        changed["optimizer"]!["lr"] = 0.1;
        changed["dataset"]!["samples"] = 200;
        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, changed, "changed.json"), "--resume", runId);
        var fewer = await workspace.RunAsync("run", file, "--resume", runId, "--set", "training.epochs=1");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.optimizer.lr: recorded 0.05, now 0.1")
            .And.Contain("$.dataset.samples: recorded 160, now 200")
            .And.NotContain("$.training.epochs", "epochs may grow");
        fewer.ExitCode.Should().Be(2, fewer.ToString());
        fewer.StandardError.Should().Contain("$.training.epochs: recorded 2, now 1");
        Snapshot().Should().Equal(before, "a refused resume leaves the run exactly as it was");
    }

    [Fact]
    public async Task A_bad_checkpoint_is_found_before_the_run_is_touched()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 2));
        var first = await workspace.RunAsync("run", file);
        first.ExitCode.Should().Be(0, first.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        File.WriteAllText(Path.Combine(run.ArtifactsDirectory, "checkpoints", "last", "model.safetensors"), "not a checkpoint");
        var before = Snapshot();

        var result = await workspace.RunAsync("run", file, "--resume", run.RunId, "--set", "training.epochs=3");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain($"--resume {run.RunId}").And.Contain("model.safetensors");
        RecordedRun.Single(workspace.MlRuns).Status.Should().Be("FINISHED");
        Snapshot().Should().Equal(before, "a resume that fails before training leaves the run exactly as it was");
    }

    /// <summary>Every file of the store with its content hash.</summary>
    private List<string> Snapshot() =>
        Directory.EnumerateFiles(workspace.MlRuns, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(workspace.MlRuns, f)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}")
            .ToList();
}
