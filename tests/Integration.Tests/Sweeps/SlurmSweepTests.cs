using System.Text.Json.Nodes;
using Crucible.Integration.Tests.Slurm;

namespace Crucible.Integration.Tests.Sweeps;

/// <summary><c>crucible sweep --launcher slurm</c> through real munged, slurmctld and slurmd on this machine.</summary>
public sealed class SlurmSweepTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [SlurmFact]
    public async Task A_four_trial_sweep_runs_as_a_slurm_job_array_with_a_parent_and_four_children()
    {
        using var slurm = LocalSlurm.Start();
        var experiment = TinyExperiment.Classification(epochs: 2);
        experiment["sweep"] = new JsonObject { ["params"] = new JsonObject { ["optimizer.lr"] = "0.2,0.1", ["model.hidden"] = "[4],[8]" } };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        // The CLI (and through sbatch's --export=ALL, every trial) inherits SLURM_CONF from this process.
        Environment.SetEnvironmentVariable("SLURM_CONF", slurm.ConfigFile);
        CliResult result;
        try
        {
            using var process = Cli.Start(workspace.Root, "sweep", file, "--launcher", "slurm", "--jobs", "2", "--slurm-cpus-per-task", "1", "--slurm-time", "00:10:00", "--slurm-poll", "0.5");
            result = await process.WaitAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", null);
        }

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().MatchRegex(@"slurm: submitted job array \d+ \(4 trials, at most 2 at once\)");
        result.StandardOutput.Should().Contain("4/4 done");
        var runs = RecordedRun.All(workspace.MlRuns);
        var parent = runs.Should().ContainSingle(r => !r.Tags.ContainsKey("mlflow.parentRunId")).Subject;
        parent.Status.Should().Be("FINISHED");
        var children = runs.Where(r => r.Tags.GetValueOrDefault("mlflow.parentRunId") == parent.RunId).ToList();
        children.Should().HaveCount(4).And.OnlyContain(c => c.Status == "FINISHED");
        children.Should().OnlyContain(c => c.Tags["crucible.threads"] == "1", "--slurm-cpus-per-task is the trial's threads");
        children.Select(c => (c.Params["optimizer.lr"], c.Params["model.hidden"])).Should().BeEquivalentTo(new[] { ("0.2", "[4]"), ("0.2", "[8]"), ("0.1", "[4]"), ("0.1", "[8]") });
        parent.Artifacts.Should().Contain(["sweep_summary.csv", "trials/trial-0.log", "trials/trial-3.log"]);
        parent.Tags.Should().ContainKey("crucible.sweep.best_run_id");
    }
}
