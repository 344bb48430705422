using Crucible.Torch.Distributed;

namespace Crucible.Torch.Tests.Distributed;

public class ProcessGroupGlooTests
{
    [Fact]
    public void Each_rank_knows_its_rank_size_and_backend()
    {
        var seen = Ranks.Run(3, g => (g.Rank, g.Size, g.Backend));

        seen.Should().Equal((0, 3, "gloo"), (1, 3, "gloo"), (2, 3, "gloo"));
    }

    [Fact]
    public void All_reduce_sums_every_ranks_tensor_in_place()
    {
        var results = Ranks.Run(2, g =>
        {
            using var t = torch.Tensor(new float[] { 1, 2, 3 }) * (g.Rank + 1);
            using var u = torch.Tensor(new double[] { 10 * (g.Rank + 1) });
            g.AllReduce(t);
            g.AllReduce(u);
            return (t.ToArray<float>(), u.ToArray<double>());
        });

        foreach (var (t, u) in results)
        {
            t.Should().Equal(3f, 6f, 9f);
            u.Should().Equal(30.0);
        }
    }

    [Fact]
    public void All_reduce_coalesced_sums_a_bucket_of_tensors_of_different_shapes_in_one_call()
    {
        var results = Ranks.Run(2, g =>
        {
            using var w = torch.Full([2, 3], g.Rank + 1.0);
            using var b = torch.Full([4], 10.0 * (g.Rank + 1));
            g.AllReduceCoalesced([w, b]);
            return (w.ToArray<float>(), b.ToArray<float>());
        });

        results.Should().AllSatisfy(r =>
        {
            r.Item1.Should().Equal(Enumerable.Repeat(3f, 6));
            r.Item2.Should().Equal(30f, 30f, 30f, 30f);
        });
    }

    [Theory]
    [InlineData(ReduceOp.Max, 3f)]
    [InlineData(ReduceOp.Min, 1f)]
    [InlineData(ReduceOp.Product, 6f)]
    public void All_reduce_applies_the_reduce_op(ReduceOp op, float expected)
    {
        var results = Ranks.Run(3, g =>
        {
            using var t = torch.Tensor(new float[] { g.Rank + 1f, g.Rank + 1f });
            g.AllReduce(t, op);
            return t.ToArray<float>();
        });

        results.Should().AllSatisfy(r => r.Should().Equal(expected, expected));
    }

    [Fact]
    public void Broadcast_copies_the_roots_tensors_to_every_rank()
    {
        var results = Ranks.Run(3, g =>
        {
            using var weight = torch.Full([2, 2], (double)g.Rank);
            using var bias = torch.Full([3], 10 + g.Rank, ScalarType.Int64);
            g.Broadcast(weight, root: 2);
            g.Broadcast(bias, root: 2);
            return (weight.ToArray<float>(), bias.ToArray<long>());
        });

        results.Should().AllSatisfy(r =>
        {
            r.Item1.Should().Equal(2f, 2f, 2f, 2f);
            r.Item2.Should().Equal(12L, 12L, 12L);
        });
    }

    [Fact]
    public void All_gather_gives_every_rank_each_ranks_tensor_in_rank_order()
    {
        var results = Ranks.Run(3, g =>
        {
            using var mine = torch.Tensor(new float[] { g.Rank, g.Rank * 10 });
            var gathered = g.AllGather(mine);
            try
            {
                return gathered.Select(t => t.ToArray<float>()).ToArray();
            }
            finally
            {
                foreach (var t in gathered)
                {
                    t.Dispose();
                }
            }
        });

        results.Should().AllSatisfy(r =>
        {
            r.Should().HaveCount(3);
            r[0].Should().Equal(0f, 0f);
            r[1].Should().Equal(1f, 10f);
            r[2].Should().Equal(2f, 20f);
        });
    }

    [Fact]
    public void Barrier_holds_every_rank_until_all_have_arrived()
    {
        var arrived = 0;
        var seenAfterBarrier = Ranks.Run(3, g =>
        {
            Interlocked.Increment(ref arrived);
            g.Barrier();
            return Volatile.Read(ref arrived);
        });

        seenAfterBarrier.Should().AllSatisfy(n => n.Should().Be(3));
    }

    [Fact]
    public void A_group_rendezvous_through_a_tcp_store_on_a_port_the_master_chose()
    {
        using var master = new TcpStore("127.0.0.1", 0, worldSize: 2, isMaster: true, Ranks.Timeout);
        var port = master.Port;
        port.Should().BePositive();

        var sums = Ranks.RunEach(2, rank =>
        {
            using var client = new TcpStore("127.0.0.1", port, worldSize: 2, isMaster: false, Ranks.Timeout);
            using var group = new ProcessGroupGloo(client, rank, 2, Ranks.Timeout, hostname: "127.0.0.1");
            using var t = torch.Tensor(new float[] { rank + 1 });
            group.AllReduce(t);
            return t.ToArray<float>()[0];
        });

        sums.Should().Equal(3f, 3f);
    }

    [Fact]
    public void A_rendezvous_that_a_rank_never_joins_fails_with_libtorchs_message_instead_of_hanging()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        try
        {
            using var store = new FileStore(path, 2);

            var join = () => new ProcessGroupGloo(store, 0, 2, TimeSpan.FromMilliseconds(500), hostname: "127.0.0.1");

            join.Should().Throw<TorchException>().Which.Message.Should().MatchRegex("(?i)timeout|timed out|wait");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_rank_out_of_range_is_refused_before_any_rendezvous()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        using var store = new FileStore(path, 2);

        var join = () => new ProcessGroupGloo(store, 2, 2, Ranks.Timeout);

        join.Should().Throw<ArgumentOutOfRangeException>();
    }
}
