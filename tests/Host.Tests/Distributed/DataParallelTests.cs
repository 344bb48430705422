using Crucible.Host.Distributed;
using Crucible.Torch;
using Crucible.Torch.Distributed;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Host.Tests.Distributed;

/// <summary>
/// Data-parallel training on real Gloo process groups (one thread per rank, loopback TCP): two ranks
/// with batch B/2 each take exactly the steps one process takes with batch B.
/// </summary>
[Collection(GlobalState.Name)]
public class DataParallelTests
{
    private const int Samples = 64;
    private const int Batch = 16;
    private const int Epochs = 5; // 4 batches each: 20 optimizer steps

    public static TheoryData<string> Models => new() { "mlp", "cnn" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Two_ranks_with_half_batches_end_where_one_process_with_the_whole_batch_ends(string kind)
    {
        torch.ManualSeed(7);
        using var scope = torch.NewDisposeScope();
        var x = kind == "mlp" ? torch.Randn([Samples, 12]) : torch.Randn([Samples, 1, 8, 8]);
        var y = torch.RandInt(0, 3, [Samples]);
        var orders = Enumerable.Range(0, Epochs).Select(_ => torch.RandPerm(Samples)).ToArray();
        using var reference = Build(kind);
        var initial = Snapshot(reference);

        Train(reference, x, y, orders, batch: Batch, share: order => order, parallel: null);
        var expected = Snapshot(reference);

        var ranks = RunRanks(2, (group, rank) =>
        {
            using var rankScope = torch.NewDisposeScope();
            using var model = Build(kind);
            model.LoadStateDict(rank == 0 ? initial : Perturbed(initial));
            var parallel = new DataParallel(group);
            parallel.BroadcastState(model);
            var sampler = new DistributedSampler(group.Rank, group.Size);
            Train(model, x, y, orders, batch: Batch / 2, share: sampler.Share, parallel);
            return Snapshot(model).ToDictionary(p => p.Key, p => p.Value.ToArray<float>());
        });

        foreach (var result in ranks)
        {
            foreach (var (name, tensor) in expected)
            {
                var want = tensor.ToArray<float>();
                var got = result[name];
                got.Should().HaveCount(want.Length);
                for (var i = 0; i < want.Length; i++)
                {
                    got[i].Should().BeApproximately(want[i], 1e-6f, $"{kind} parameter {name}[{i}]");
                }
            }
        }

        initial.Should().Contain(p => !p.Value.ToArray<float>().SequenceEqual(expected[p.Key].ToArray<float>()), "training moved the parameters");
    }

    [Fact]
    public void Gradients_are_averaged_in_buckets_of_mixed_sizes_and_a_missing_gradient_counts_as_zero()
    {
        var results = RunRanks(2, (group, rank) =>
        {
            using var scope = torch.NewDisposeScope();
            var a = torch.Zeros([3]).RequiresGrad_();
            var b = torch.Zeros([2, 2]).RequiresGrad_();
            var unused = torch.Zeros([2]).RequiresGrad_();
            a.Grad = torch.Full([3], rank == 0 ? 2.0 : 4.0);
            b.Grad = torch.Full([2, 2], rank == 0 ? 1.0 : 3.0);
            if (rank == 1)
            {
                unused.Grad = torch.Full([2], 8.0);
            }

            new DataParallel(group).AverageGradients([a, b, unused]);
            return (a.Grad!.ToArray<float>(), b.Grad!.ToArray<float>(), unused.Grad!.ToArray<float>());
        });

        results.Should().AllSatisfy(r =>
        {
            r.Item1.Should().Equal(3f, 3f, 3f);
            r.Item2.Should().Equal(2f, 2f, 2f, 2f);
            r.Item3.Should().Equal(4f, 4f);
        });
    }

    [Fact]
    public void Any_and_mean_agree_on_every_rank()
    {
        var results = RunRanks(3, (group, rank) =>
        {
            var parallel = new DataParallel(group);
            return (parallel.Any(rank == 2), parallel.Any(false), parallel.Mean(rank * 3.0));
        });

        results.Should().AllSatisfy(r => r.Should().Be((true, false, 3.0)));
    }

    private static Sequential Build(string kind) => kind == "mlp"
        ? new Sequential(new Linear(12, 16), new ReLU(), new Linear(16, 3))
        : new Sequential(new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 3));

    private static void Train(Module model, Tensor x, Tensor y, Tensor[] orders, int batch, Func<Tensor, Tensor> share, DataParallel? parallel)
    {
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        var loss = new CrossEntropyLoss();
        foreach (var order in orders)
        {
            using var scope = torch.NewDisposeScope();
            var mine = share(order);
            for (long start = 0; start < mine.Shape[0]; start += batch)
            {
                var index = mine.Narrow(0, start, batch);
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(x.IndexSelect(0, index)), y.IndexSelect(0, index)).Backward();
                parallel?.AverageGradients(model.Parameters());
                optimizer.Step();
            }
        }
    }

    private static Dictionary<string, Tensor> Snapshot(Module model) =>
        model.StateDict().ToDictionary(p => p.Key, p => p.Value.Detach().Clone(), StringComparer.Ordinal);

    private static Dictionary<string, Tensor> Perturbed(Dictionary<string, Tensor> state) =>
        state.ToDictionary(p => p.Key, p => p.Value + 1, StringComparer.Ordinal);

    private static T[] RunRanks<T>(int size, Func<ProcessGroup, int, T> body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        try
        {
            var tasks = Enumerable.Range(0, size).Select(rank => Task.Factory.StartNew(() =>
            {
                using var store = new FileStore(path, size);
                using var group = new ProcessGroupGloo(store, rank, size, TimeSpan.FromSeconds(60), hostname: "127.0.0.1");
                return body(group, rank);
            }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            return tasks.Select(t => t.Result).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
