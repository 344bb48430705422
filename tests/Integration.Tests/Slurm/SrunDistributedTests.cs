using System.Diagnostics;
using System.Text;

namespace Crucible.Integration.Tests.Slurm;

/// <summary><c>srun -n 2 crucible run FILE</c> through real munged, slurmctld and slurmd: Slurm starts the ranks.</summary>
public sealed class SrunDistributedTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [SlurmFact]
    public async Task Two_srun_tasks_train_one_ddp_run_that_rank_0_records()
    {
        using var slurm = LocalSlurm.Start();
        var experiment = TinyExperiment.Classification(epochs: 2);
        experiment["model"]!["dropout"] = 0.0;
        experiment["training"]!["batchSize"] = 8;
        experiment["training"]!["strategy"] = "ddp";
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var info = new ProcessStartInfo("srun")
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-n", "2", "--cpus-per-task", "1", "--time", "00:10:00", "dotnet", Cli.HostDll, "run", file })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["SLURM_CONF"] = slurm.ConfigFile;
        info.Environment.Remove("MLFLOW_TRACKING_URI");
        info.Environment.Remove("CRUCIBLE_PLUGINS");
        info.Environment["CRUCIBLE_CACHE"] = Path.Combine(workspace.Root, ".cache");
        info.Environment["CRUCIBLE_OUTBOX"] = Path.Combine(workspace.Root, ".outbox");
        info.Environment["CRUCIBLE_NO_PROGRESS"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("srun did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Cli.DefaultTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var output = $"exit {process.ExitCode}\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}";

        process.ExitCode.Should().Be(0, output);
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.Tags.Should().Contain("crucible.world_size", "2");
        run.Params.Should().Contain("training.strategy", "ddp");
        run.History("epoch").Should().Equal([1, 2]);
    }
}
