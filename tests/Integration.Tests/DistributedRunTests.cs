using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>
/// <c>training.strategy: ddp</c> as a user runs it: <c>crucible run --nproc 2</c> starts two worker
/// processes that join a real Gloo group over loopback; only rank 0 records.
/// </summary>
public sealed class DistributedRunTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    /// <summary>The tiny regression without dropout (whose masks depend on the batch a rank draws), 96 training samples.</summary>
    private static JsonObject Experiment(int batchSize, int epochs = 3, bool perBatchSchedule = false)
    {
        var experiment = TinyExperiment.Classification(epochs);
        experiment["model"]!["dropout"] = 0.0;
        experiment["training"]!["batchSize"] = batchSize;
        if (perBatchSchedule)
        {
            // A per-batch schedule counts a rank's steps: half the samples at half the batch are as many steps as one process takes.
            experiment["scheduler"] = new JsonObject { ["name"] = "one-cycle", ["maxLr"] = 0.05, ["interval"] = "batch", ["cycleMomentum"] = false };
        }

        return experiment;
    }

    [Fact]
    public async Task Two_local_ranks_with_half_batches_record_what_one_process_with_the_whole_batch_records()
    {
        using var single = new Workspace();
        var singleResult = await single.RunAsync("run", TinyExperiment.WriteTo(single, Experiment(batchSize: 16, perBatchSchedule: true)));
        singleResult.ExitCode.Should().Be(0, singleResult.ToString());

        var result = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8, perBatchSchedule: true)), "--nproc", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var reference = RecordedRun.Single(single.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.Params.Should().Contain("training.strategy", "ddp");
        run.Tags.Should().Contain("crucible.world_size", "2");
        run.Metrics["epoch"].Select(p => p.Step).Should().Equal(reference.Metrics["epoch"].Select(p => p.Step), "a step of the group is a step of the one process");
        foreach (var key in new[] { "train_loss", "val_loss", "val_mae", "test_loss", "test_mae", "lr" })
        {
            var got = run.History(key);
            var want = reference.History(key);
            got.Should().HaveCount(want.Count, key);
            for (var i = 0; i < want.Count; i++)
            {
                got[i].Should().BeApproximately(want[i], 1e-5 * Math.Max(1, Math.Abs(want[i])), $"{key}[{i}]");
            }
        }
    }

    [Fact]
    public async Task A_ddp_run_resumed_on_two_ranks_ends_where_an_uninterrupted_one_ends()
    {
        using var straight = new Workspace();
        var whole = await straight.RunAsync("run", TinyExperiment.WriteTo(straight, Experiment(batchSize: 8, epochs: 4)), "--nproc", "2");
        whole.ExitCode.Should().Be(0, whole.ToString());
        var first = await workspace.RunAsync("run", TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8, epochs: 2)), "--nproc", "2");
        first.ExitCode.Should().Be(0, first.ToString());
        var runId = RecordedRun.Single(workspace.MlRuns).RunId;

        var resumed = await workspace.RunAsync("run", "--resume", runId, "--set", "training.epochs=4", "--nproc", "2");

        resumed.ExitCode.Should().Be(0, resumed.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var reference = RecordedRun.Single(straight.MlRuns);
        run.Status.Should().Be("FINISHED");
        run.History("epoch").Should().Equal([1, 2, 3, 4]);
        foreach (var key in new[] { "train_loss", "val_loss" })
        {
            run.History(key).Should().Equal(reference.History(key), $"{key}: both ranks resumed from the run's checkpoint");
        }

        run.History("test_loss")[^1].Should().Be(reference.History("test_loss").Single(), "the finished first part was tested too; the last test is the resumed run's");
    }

    [Fact]
    public async Task A_rank_that_fails_ends_the_group_with_a_message_naming_it_and_the_run_is_not_finished()
    {
        var experiment = Experiment(batchSize: 8, epochs: 4);
        experiment["callbacks"] = new JsonArray(new JsonObject { ["name"] = "fixture-fail", ["atEpoch"] = 2, ["rank"] = 1 });
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("run", file, "--nproc", "2");

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.StandardError.Should().Contain("rank 1 of 2 exited with code");
        result.StandardError.Should().Contain("fixture failure at the end of epoch 2");
        var run = RecordedRun.Single(workspace.MlRuns);
        run.Status.Should().BeOneOf("FAILED", "KILLED");
        run.History("epoch").Should().NotContain(4, "the group stopped");
    }

    [Fact]
    public async Task Ddp_in_one_process_is_bad_input_and_nothing_is_recorded()
    {
        var file = TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8));

        var result = await workspace.RunAsync("run", file, "--set", "training.strategy=ddp");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.training.strategy").And.Contain("--nproc");
        Directory.Exists(workspace.MlRuns).Should().BeFalse();
    }

    [Fact]
    public async Task Several_processes_with_the_single_strategy_are_refused_rather_than_recorded_twice()
    {
        var file = TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8));
        var torchrun = new Dictionary<string, string>
        {
            ["RANK"] = "0", ["WORLD_SIZE"] = "2", ["LOCAL_RANK"] = "0", ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = "29500",
        };

        var result = await Cli.RunAsync(workspace.Root, torchrun, "run", file);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("torchrun started 2 processes");
        Directory.Exists(workspace.MlRuns).Should().BeFalse();
    }

    [Fact]
    public async Task A_rank_that_cannot_reach_the_master_says_where_it_looked_and_records_nothing()
    {
        var file = TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8));
        var port = ClosedPort();
        var torchrun = new Dictionary<string, string>
        {
            ["RANK"] = "1", ["WORLD_SIZE"] = "2", ["LOCAL_RANK"] = "1", ["MASTER_ADDR"] = "127.0.0.1",
            ["MASTER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };

        var result = await Cli.RunAsync(workspace.Root, torchrun, "run", file, "--set", "training.strategy=ddp", "--set", "training.ddp.timeoutSeconds=2");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain($"rank 1 could not reach the rendezvous at 127.0.0.1:{port}");
        Directory.Exists(workspace.MlRuns).Should().BeFalse();
    }

    [Fact]
    public async Task Nproc_below_two_is_bad_input()
    {
        var file = TinyExperiment.WriteTo(workspace, Experiment(batchSize: 8));

        var result = await workspace.RunAsync("run", file, "--nproc", "1");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("--nproc 1");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
