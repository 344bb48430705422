using Crucible.Abstractions;
using Crucible.Host.Distributed;
using Crucible.Host.Tests.Training;
using Crucible.Host.Training;
using Crucible.Torch;
using Crucible.Torch.Distributed;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Host.Tests.Distributed;

/// <summary>
/// Under ddp a task with manual optimization (a GAN) steps optimizers that average their gradients
/// across ranks first: two real Gloo ranks (threads, a file store) training the trainer with batch
/// B/2 each end exactly where one process with batch B ends, with gradient clipping (averaged, then clipped).
/// </summary>
[Collection(GlobalState.Name)]
public sealed class ManualOptimizationParallelTests
{
    private const int Samples = 48;
    private const int Batch = 16;
    private const int Epochs = 7; // 3 batches each: 21 steps of each optimizer

    private static readonly DatasetMetadata Metadata = new() { Name = "pairs", FeatureShape = [3], TaskKind = TaskKind.Regression, OutputSize = 2 };

    [Fact]
    public void Two_ranks_with_half_batches_end_where_one_process_with_the_whole_batch_ends()
    {
        torch.ManualSeed(5);
        using var scope = torch.NewDisposeScope();
        var x = torch.Randn([Samples, 3]);
        var y = torch.Randn([Samples, 2]) + 1.5;
        using var data = new DataSplit(x.Clone().DetachFromDisposeScope(), y.Clone().DetachFromDisposeScope());
        var initial = Models();
        var start = Snapshot(initial);

        var (expected, expectedLog) = Train(initial, data, Batch, distributed: null);

        // Every rank builds its own replicas; rank 1's start elsewhere and take rank 0's by broadcast.
        var replicas = new[] { Models(), Models() };
        Load(replicas[0], start, offset: 0);
        Load(replicas[1], start, offset: 1);
        var results = RunRanks(2, (run, rank) =>
        {
            foreach (var model in replicas[rank].Values)
            {
                run.Parallel.BroadcastState(model);
            }

            return Train(replicas[rank], data, Batch / 2, run);
        });

        foreach (var (trainer, log) in results)
        {
            foreach (var role in expected.Models.Keys)
            {
                foreach (var (name, want) in expected.Models[role].NamedParameters())
                {
                    var got = trainer.Models[role].NamedParameters().Single(p => p.Name == name).Parameter;
                    var difference = (got - want).Abs().Max().Item<float>();
                    difference.Should().BeLessThan(1e-6f, $"{role}.{name} after {trainer.GlobalStep} steps");
                }
            }

            trainer.GlobalStep.Should().Be(expected.GlobalStep);
            foreach (var key in new[] { "train_d_loss", "train_g_loss" })
            {
                log.History(key).Zip(expectedLog.History(key), (a, b) => Math.Abs(a - b)).Should().HaveCount(Epochs).And.OnlyContain(d => d < 1e-6, key);
            }
        }

        foreach (var role in start.Keys)
        {
            var now = expected.Models[role].StateDict();
            start[role].Should().Contain(p => (p.Value - now[p.Key]).Abs().Max().Item<float>() > 1e-3f, $"training moved the {role}");
        }
    }

    [Fact]
    public void A_wrapped_optimizer_keeps_the_learning_rates_its_groups_have_and_shares_them()
    {
        var results = RunRanks(2, (run, rank) =>
        {
            using var model = new TinyLinear(2, 1);
            using var adam = new Adam([new ParamGroup(model.Parameters(), learningRate: 0.1)], lr: 0.5);
            adam.ParamGroups[0].LearningRate = 0.025; // as a scheduler or a resumed checkpoint leaves it
            using var wrapped = SynchronizedOptimizer.Wrap(adam, run.Parallel);
            var kept = adam.ParamGroups[0].LearningRate;
            wrapped.ParamGroups[0].LearningRate = 0.0125;
            return (kept, adam.ParamGroups[0].LearningRate);
        });

        results.Should().AllSatisfy(r => r.Should().Be((0.025, 0.0125)));
    }

    private static Dictionary<string, Module> Models() => new(StringComparer.Ordinal)
    {
        [TwoPlayerTask.Generator] = new TinyLinear(3, 2),
        [TwoPlayerTask.Discriminator] = new TinyLinear(2, 1),
    };

    private static (Trainer Trainer, MemoryRunLog Log) Train(Dictionary<string, Module> models, DataSplit data, int batchSize, DistributedRun? distributed)
    {
        var optimizers = models.ToDictionary(m => m.Key, m => (Optimizer)new Adam(m.Value.Parameters(), lr: 0.05, beta1: 0.5), StringComparer.Ordinal);
        var log = new MemoryRunLog();
        var trainer = new Trainer(
            new TrainingComponents { Task = new TwoPlayerTask(), Models = models, Optimizers = optimizers, PrimaryRole = TwoPlayerTask.Generator, Dataset = Metadata },
            new TrainerOptions { Epochs = Epochs, BatchSize = batchSize, Shuffle = false, ClipGradientNorm = 0.5 },
            new TrainerEnvironment
            {
                Device = Device.Cpu, RunLog = log, RunId = "run-1", OutputDirectory = Path.GetTempPath(), Logger = NullLogger.Instance, Distributed = distributed,
            });
        trainer.Fit(data, validation: null, transform: null);
        return (trainer, log);
    }

    private static Dictionary<string, Dictionary<string, Tensor>> Snapshot(Dictionary<string, Module> models) =>
        models.ToDictionary(
            m => m.Key,
            m => m.Value.StateDict().ToDictionary(p => p.Key, p => p.Value.Detach().Clone().DetachFromDisposeScope(), StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static void Load(Dictionary<string, Module> models, Dictionary<string, Dictionary<string, Tensor>> state, double offset)
    {
        foreach (var (role, model) in models)
        {
            model.LoadStateDict(state[role].ToDictionary(p => p.Key, p => p.Value + offset, StringComparer.Ordinal));
        }
    }

    private static T[] RunRanks<T>(int size, Func<DistributedRun, int, T> body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        try
        {
            var tasks = Enumerable.Range(0, size).Select(rank => Task.Factory.StartNew(() =>
            {
                var store = new FileStore(path, size);
                var group = new ProcessGroupGloo(store, rank, size, TimeSpan.FromSeconds(60), hostname: "127.0.0.1");
                using var run = DistributedRun.Over(new DistributedEnvironment(rank, size, rank, "127.0.0.1", 0, "test"), store, group);
                return body(run, rank);
            }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            return tasks.Select(t => t.Result).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A GAN's step without the noise (the generator maps the batch's features, so one process and two
    /// ranks see the same inputs): the discriminator on real targets and detached fakes, then the
    /// generator through it, each zeroed, backpropagated, clipped and stepped by the task.
    /// </summary>
    private sealed class TwoPlayerTask : TrainingTask
    {
        public const string Generator = "generator";
        public const string Discriminator = "discriminator";
        private readonly BCEWithLogitsLoss bce = new();

        public override bool AutomaticOptimization => false;

        public override StepOutput TrainingStep(TaskBatch batch, ITrainerContext context)
        {
            var generator = context.Models[Generator];
            var discriminator = context.Models[Discriminator];
            var fake = generator.Forward(batch.Features);

            context.Optimizers[Discriminator].ZeroGrad();
            var real = discriminator.Forward(batch.Targets);
            var faked = discriminator.Forward(fake.Detach());
            var dLoss = bce.Forward(real, torch.OnesLike(real)) + bce.Forward(faked, torch.ZerosLike(faked));
            dLoss.Backward();
            context.ClipGradients(Discriminator);
            context.Optimizers[Discriminator].Step();

            context.Optimizers[Generator].ZeroGrad();
            var judged = discriminator.Forward(fake);
            var gLoss = bce.Forward(judged, torch.OnesLike(judged));
            gLoss.Backward();
            context.Optimizers[Generator].Step(); // not clipped: the step alone averages
            return new StepOutput { Values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["d_loss"] = dLoss, ["g_loss"] = gLoss } };
        }

        public override StepOutput ValidationStep(TaskBatch batch, ITrainerContext context) => TrainingStep(batch, context);
    }
}
