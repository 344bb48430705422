using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Crucible.Integration.Tests;

/// <summary>What a run records besides its metrics: learning curves, MLflow's system metrics, and how much it prints.</summary>
public sealed partial class PlotsAndSystemMetricsTests : IDisposable
{
    // MLflow 2.12.2's names (fixtures/mlflow-models/v2/system-metrics/metrics.json); no GPU here.
    private static readonly string[] SystemMetricNames =
    [
        "system/cpu_utilization_percentage", "system/system_memory_usage_megabytes", "system/system_memory_usage_percentage",
        "system/disk_usage_percentage", "system/disk_usage_megabytes", "system/disk_available_megabytes",
        "system/network_receive_megabytes", "system/network_transmit_megabytes",
    ];

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_run_records_learning_curves_and_system_metrics_under_mlflow_names()
    {
        var experiment = TinyExperiment.Classification(epochs: 4);
        experiment["tracking"]!["systemMetricsInterval"] = 0.05;
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Artifacts.Should().Contain(["plots/learning_curve_loss.png", "plots/learning_curve_mae.png"]);
        using (var curve = SKBitmap.Decode(Path.Combine(run.ArtifactsDirectory, "plots", "learning_curve_loss.png")))
        {
            (curve.Width, curve.Height).Should().Be((800, 500));

            // Both series are drawn: training in blue, validation in orange.
            Pixels(curve).Should().Contain(new SKColor(0x1f, 0x77, 0xb4)).And.Contain(new SKColor(0xff, 0x7f, 0x0e));
        }

        // The run lasts far longer than 50 ms, so at least one sample; each key has the same steps
        // 0, 1, 2, ... and one timestamp per step, as MLflow records them.
        run.Metrics.Keys.Where(k => k.StartsWith("system/", StringComparison.Ordinal)).Should().BeEquivalentTo(SystemMetricNames);
        var steps = run.Metrics["system/cpu_utilization_percentage"].Select(p => p.Step).ToList();
        steps.Should().NotBeEmpty().And.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i));
        foreach (var name in SystemMetricNames)
        {
            run.Metrics[name].Select(p => p.Step).Should().Equal(steps, name);
            run.Metrics[name].Select(p => p.Value).Should().AllSatisfy(v => v.Should().BeGreaterThanOrEqualTo(0));
        }

        run.History("system/cpu_utilization_percentage").Should().AllSatisfy(v => v.Should().BeInRange(0, 100));
        run.History("system/system_memory_usage_megabytes").Should().AllSatisfy(v => v.Should().BePositive());
        run.Metrics["system/cpu_utilization_percentage"].Select(p => p.Timestamp).Should().BeInAscendingOrder();
        result.StandardOutput.Should().Contain("no system/gpu_* metrics");
    }

    [Fact]
    public async Task System_metrics_can_be_turned_off()
    {
        var experiment = TinyExperiment.Classification(epochs: 2);
        experiment["tracking"]!["systemMetrics"] = false;
        experiment["tracking"]!["systemMetricsInterval"] = 0.01;
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(0, result.ToString());
        RecordedRun.Single(workspace.MlRuns).Metrics.Keys.Should().NotContain(k => k.StartsWith("system/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_sampling_interval_is_bad_input()
    {
        var experiment = TinyExperiment.Classification(epochs: 2);
        experiment["tracking"]!["systemMetricsInterval"] = 0;
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.tracking.systemMetricsInterval");
        Directory.Exists(workspace.MlRuns).Should().BeFalse();
    }

    [Fact]
    public async Task Many_short_epochs_print_a_line_every_few_seconds_and_the_last_while_the_log_keeps_all()
    {
        const int epochs = 150;
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs));

        var watch = Stopwatch.StartNew();
        var result = await workspace.RunAsync("run", file);
        var seconds = watch.Elapsed.TotalSeconds;

        result.ExitCode.Should().Be(0, result.ToString());
        var printed = EpochLine().Matches(result.StandardOutput).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // The first, the last, and at most one per 5 s of the run in between (the limiter's own
        // behaviour is tested with a fake clock; this bound holds however fast the machine is).
        printed.Should().StartWith(1).And.EndWith(epochs);
        printed.Count.Should().BeLessThanOrEqualTo(2 + (int)Math.Ceiling(seconds / 5));
        var log = File.ReadAllText(Path.Combine(RecordedRun.Single(workspace.MlRuns).ArtifactsDirectory, "crucible.log"));
        EpochLine().Matches(log).Should().HaveCount(epochs, "the run's log file keeps every epoch");
    }

    [Fact]
    public async Task Verbose_prints_every_epoch_and_quiet_none()
    {
        var file = TinyExperiment.WriteTo(workspace, TinyExperiment.Classification(epochs: 30));

        var verbose = await workspace.RunAsync("run", file, "--verbose");
        var quiet = await workspace.RunAsync("run", file, "--quiet");
        var both = await workspace.RunAsync("run", file, "--quiet", "--verbose");

        verbose.ExitCode.Should().Be(0, verbose.ToString());
        EpochLine().Matches(verbose.StandardOutput).Should().HaveCount(30);
        quiet.ExitCode.Should().Be(0, quiet.ToString());
        quiet.StandardOutput.Should().NotContain("Epoch").And.NotContain("INF");
        both.ExitCode.Should().Be(2);
        both.StandardError.Should().Contain("--quiet and --verbose contradict each other");
        RecordedRun.All(workspace.MlRuns).Should().HaveCount(2);
    }

    private static HashSet<SKColor> Pixels(SKBitmap bitmap) => [.. bitmap.Pixels];

    [GeneratedRegex(@"Epoch (\d+)/\d+ ")]
    private static partial Regex EpochLine();
}
