using Crucible.Integration.Tests.Experiments;

namespace Crucible.Integration.Tests.Models;

/// <summary><c>crucible reproduce RUN_ID</c> reruns a run from its record alone and compares every metric.</summary>
public sealed class ReproduceTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    [RunsExperiment("softmax-iris")]
    public async Task A_recorded_run_reproduces_bit_identical_into_a_tagged_run()
    {
        var (_, source) = await ExperimentFiles.RunAsync(workspace, "softmax-iris");
        var before = RecordedRun.All(workspace.MlRuns).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);

        var result = await workspace.RunAsync("reproduce", source.RunId);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("bit-identical");
        var copy = RecordedRun.All(workspace.MlRuns).Single(r => !before.Contains(r.RunId));
        copy.Tags["crucible.reproduces"].Should().Be(source.RunId);
        copy.Status.Should().Be("FINISHED");
        copy.History("test_accuracy").Should().Equal(source.History("test_accuracy"));
    }

    [Fact]
    public async Task A_changed_plugin_is_refused_unless_allowed_and_a_changed_metric_is_reported()
    {
        var (_, source) = await ExperimentFiles.RunAsync(workspace, "softmax-iris", "--set", "training.epochs=5");
        var runs = RecordedRun.All(workspace.MlRuns).Count;

        // The record says the models plugin had other bytes than the one installed now.
        File.WriteAllText(Path.Combine(source.Directory, "tags", "crucible.plugin.Crucible.Plugins.Models.sha256"), new string('0', 64));
        var refused = await workspace.RunAsync("reproduce", source.RunId);
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.StandardError.Should().Contain("Crucible.Plugins.Models").And.Contain("--allow-plugin-change");
        RecordedRun.All(workspace.MlRuns).Should().HaveCount(runs, "a refused reproduction records nothing");

        // Allowed, it runs; a recorded value that differs is reported with its key and step (exit 1).
        var lossFile = Path.Combine(source.Directory, "metrics", "train_loss");
        var lines = File.ReadAllLines(lossFile);
        var first = lines[0].Split(' ');
        lines[0] = $"{first[0]} 12345 {first[2]}";
        File.WriteAllLines(lossFile, lines);
        var allowed = await workspace.RunAsync("reproduce", source.RunId, "--allow-plugin-change");
        allowed.ExitCode.Should().Be(1, allowed.ToString());
        allowed.StandardOutput.Should().Contain($"train_loss step {first[2]}: recorded 12345");
        allowed.StandardOutput.Should().NotContain("bit-identical");
    }
}
