using System.Globalization;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests.Sweeps;

/// <summary><c>crucible sweep</c> as a user runs it: real trial processes on the local launcher, a fresh <c>./mlruns</c>.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private Task<CliResult> SweepAsync(params string[] args) => Cli.RunAsync(workspace.Root, ["sweep", .. args]);

    private string Experiment(JsonObject? sweep = null, int epochs = 2)
    {
        var experiment = TinyExperiment.Classification(epochs);
        experiment["training"]!["threads"] = null;
        if (sweep is not null)
        {
            experiment["sweep"] = sweep;
        }

        return TinyExperiment.WriteTo(workspace, experiment);
    }

    private static (RecordedRun Parent, List<RecordedRun> Children) ParentAndChildren(string mlruns)
    {
        var runs = RecordedRun.All(mlruns);
        var parent = runs.Should().ContainSingle(r => !r.Tags.ContainsKey("mlflow.parentRunId")).Subject;
        var children = runs.Where(r => r.Tags.GetValueOrDefault("mlflow.parentRunId") == parent.RunId).ToList();
        children.Should().HaveCount(runs.Count - 1, "every other run is a nested child of the sweep's parent");
        return (parent, children);
    }

    [Fact]
    public async Task A_grid_sweep_on_two_workers_is_one_parent_with_a_child_per_trial_and_rerunning_it_skips_them()
    {
        var file = Experiment(new JsonObject
        {
            ["objective"] = "val_loss",
            ["params"] = new JsonObject { ["optimizer.lr"] = "0.2,0.05,0.01" },
        });

        var result = await SweepAsync(file, "--sweep", "model.hidden=[4],[8]", "--jobs", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var (parent, children) = ParentAndChildren(workspace.MlRuns);
        parent.Status.Should().Be("FINISHED");
        parent.Params.Should().Contain("sweep.strategy", "grid")
            .And.Contain("sweep.params.optimizer.lr", "0.2,0.05,0.01")
            .And.Contain("sweep.params.model.hidden", "[4],[8]")
            .And.Contain("sweep.objective", "val_loss")
            .And.Contain("sweep.mode", "min");
        children.Should().HaveCount(6).And.OnlyContain(c => c.Status == "FINISHED" && c.ExperimentId == parent.ExperimentId);
        children.Select(c => (c.Params["optimizer.lr"], c.Params["model.hidden"])).Should().BeEquivalentTo(
            new[] { ("0.2", "[4]"), ("0.2", "[8]"), ("0.05", "[4]"), ("0.05", "[8]"), ("0.01", "[4]"), ("0.01", "[8]") });
        children.Select(c => c.Tags["crucible.experiment_hash"]).Should().OnlyHaveUniqueItems();
        children.Should().OnlyContain(c => c.Tags["crucible.threads"] == Math.Max(1, Environment.ProcessorCount / 2).ToString(CultureInfo.InvariantCulture), "two workers share the cores");

        // The best trial is the child with the lowest final val_loss, tagged on the parent and in the table.
        var best = children.MinBy(c => c.Metrics["val_loss"][^1].Value)!;
        parent.Tags["crucible.sweep.best_run_id"].Should().Be(best.RunId);
        parent.Tags["crucible.sweep.best_trial"].Should().Be(best.Tags["crucible.sweep.trial"]);
        parent.Metrics["best_val_loss"].Should().ContainSingle().Which.Value.Should().Be(best.Metrics["val_loss"][^1].Value);
        var csv = File.ReadAllLines(Path.Combine(parent.ArtifactsDirectory, "sweep_summary.csv"));
        csv[0].Should().Be("trial,run_id,status,optimizer.lr,model.hidden,val_loss");
        csv.Skip(1).Should().HaveCount(6).And.Contain(l => l.StartsWith(best.Tags["crucible.sweep.trial"] + "," + best.RunId + ",finished,", StringComparison.Ordinal));
        parent.Artifacts.Should().Contain("trials/trial-0.log").And.Contain("trials/trial-5.log");
        result.StandardOutput.Should().Contain($"best: trial {best.Tags["crucible.sweep.trial"]}, val_loss = ");

        // crucible compare: the sweep's children, the params that differ and val_loss (last, best), and a chart.
        var compare = await workspace.RunAsync("compare", "--experiment", "integration", "--filter", $"tags.mlflow.parentRunId = '{parent.RunId}'", "-m", "val_loss", "-o", "charts/val_loss.png");
        compare.ExitCode.Should().Be(0, compare.ToString());
        var table = compare.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        table[0].Should().MatchRegex(@"^run +status +model\.hidden +optimizer\.lr +val_loss last +val_loss best$", "the run's name is in its label, not a column");
        var bestLabel = $"({best.RunId[..8]})";
        var bestValue = best.Metrics["val_loss"][^1].Value.ToString("G6", CultureInfo.InvariantCulture);
        table.Should().Contain(l => l.Contains(bestLabel, StringComparison.Ordinal) && l.Contains(bestValue, StringComparison.Ordinal));
        table.Count(l => l.StartsWith("trial-", StringComparison.Ordinal)).Should().Be(6);
        File.ReadAllBytes(Path.Combine(workspace.Root, "charts", "val_loss.png")).Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var two = await workspace.RunAsync("compare", children[0].RunId, children[1].RunId, "-m", "val_loss");
        two.ExitCode.Should().Be(0, two.ToString());
        two.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);

        // Without -m: every metric both runs logged, but not the epoch counter, lr or system/*.
        var all = await workspace.RunAsync("compare", children[0].RunId, children[1].RunId);
        all.ExitCode.Should().Be(0, all.ToString());
        var columns = System.Text.RegularExpressions.Regex.Split(all.StandardOutput.Split('\n')[0].Trim(), "  +");
        columns.Should().Contain(["train_loss last", "val_loss best", "test_loss last"]);
        columns.Should().NotContain(["epoch last", "epoch best", "lr last", "lr best"]).And.NotContain(c => c.StartsWith("system/", StringComparison.Ordinal));
        var missing = await workspace.RunAsync("compare", "0123456789abcdef0123456789abcdef");
        missing.ExitCode.Should().Be(2, missing.ToString());
        missing.StandardError.Should().Contain("there is no run '0123456789abcdef0123456789abcdef'");

        // The same command again: the same parent, every trial skipped, nothing recorded twice.
        var again = await SweepAsync(file, "--sweep", "model.hidden=[4],[8]", "--jobs", "2");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StandardOutput.Should().Contain($"resuming parent run {parent.RunId}");
        again.StandardOutput.Split('\n').Count(l => l.Contains("skipped", StringComparison.Ordinal)).Should().Be(6);
        var (parentAgain, childrenAgain) = ParentAndChildren(workspace.MlRuns);
        parentAgain.RunId.Should().Be(parent.RunId);
        childrenAgain.Should().HaveCount(6);
        parentAgain.Metrics["best_val_loss"].Should().ContainSingle();
    }

    [Fact]
    public async Task A_tpe_sweep_of_twenty_trials_on_two_workers_records_twenty_children_within_bounds()
    {
        var file = Experiment(new JsonObject
        {
            ["strategy"] = "tpe",
            ["trials"] = 20,
            ["seed"] = 3,
            ["params"] = new JsonObject
            {
                ["optimizer.lr"] = "tag(log, interval(0.001, 0.5))",
                ["model.hidden"] = "[2],[8]",
            },
        }, epochs: 1);

        var result = await SweepAsync(file, "--jobs", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var (parent, children) = ParentAndChildren(workspace.MlRuns);
        parent.Status.Should().Be("FINISHED");
        parent.Params.Should().Contain("sweep.strategy", "tpe").And.Contain("sweep.trials", "20").And.Contain("sweep.startup_trials", "5");
        children.Should().HaveCount(20).And.OnlyContain(c => c.Status == "FINISHED");
        children.Select(c => c.Tags["crucible.sweep.trial"]).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        children.Select(c => double.Parse(c.Params["optimizer.lr"], CultureInfo.InvariantCulture)).Should().OnlyContain(lr => lr >= 0.001 && lr <= 0.5);
        children.Select(c => c.Params["model.hidden"]).Should().OnlyContain(h => h == "[2]" || h == "[8]");
        var best = children.MinBy(c => c.Metrics["val_loss"][^1].Value)!;
        parent.Tags["crucible.sweep.best_run_id"].Should().Be(best.RunId);
        File.ReadAllLines(Path.Combine(parent.ArtifactsDirectory, "sweep_summary.csv")).Should().HaveCount(21);
    }

    [Fact]
    public async Task A_bad_sweep_is_reported_before_anything_is_recorded()
    {
        var file = Experiment(new JsonObject { ["strategy"] = "grid", ["params"] = new JsonObject { ["optimizer.lr"] = "interval(0.01, 0.1)" } });

        var grid = await SweepAsync(file);
        grid.ExitCode.Should().Be(2, grid.ToString());
        grid.StandardError.Should().Contain("$.sweep: optimizer.lr=interval(0.01, 0.1): a grid needs lists of values");

        // A value the experiment itself rejects is found by composing the trials first.
        var invalid = await SweepAsync(file, "--sweep", "optimizer.lr=0.1,-1");
        invalid.ExitCode.Should().Be(2, invalid.ToString());
        invalid.StandardError.Should().Contain("--set optimizer.lr=-1");

        Directory.Exists(workspace.MlRuns).Should().BeFalse("nothing was recorded");
    }
}
