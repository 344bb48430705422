using Crucible.Abstractions;
using Crucible.Host.Data;
using Crucible.Host.Distributed;
using Crucible.Host.Tests.Support;
using Crucible.Torch;

namespace Crucible.Host.Tests.Data;

[Collection(GlobalState.Name)]
public sealed class LoaderTests
{
    private static readonly SampleLayout Numbers = new([1], 1, ClassIndex: true, TargetWidth: 1, NumClasses: 3);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    public void Batches_hold_the_same_samples_in_the_same_order_with_any_number_of_workers(int workers, int prefetch)
    {
        var source = ArraySource.Numbered(103, 3);
        torch.ManualSeed(7);
        using var order = torch.RandPerm(103);
        var expected = Read(source, order, workers: 0, prefetch: 1);

        var actual = Read(source, order, workers, prefetch);

        actual.Should().Equal(expected);
        expected.Should().Equal(order.ToArray<long>().Select(i => (float)i), "batch b holds positions b*B.. of the order");
    }

    [Fact]
    public void Targets_are_collated_as_an_in_memory_split_holds_them()
    {
        var source = ArraySource.Numbered(10, 3);
        using var scope = torch.NewDisposeScope();
        using var reader = SplitReader.Streaming("training", source, Numbers, new LoaderOptions(Workers: 2), Device.Cpu);
        using var pass = reader.Pass(null, 4, 3, CancellationToken.None);

        var batch = pass.Next();

        batch.Features.Shape.Should().Equal(4, 1);
        batch.Targets.DType.Should().Be(ScalarType.Int64);
        batch.Targets.ToArray<long>().Should().Equal(0, 1, 2, 0);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 4)]
    public void The_loader_never_holds_more_than_prefetch_times_batch_samples(int workers, int prefetch)
    {
        const int BatchSize = 8;
        long started = 0;
        var source = new ArraySource(Enumerable.Range(0, 200).Select(i => (float)i).ToArray(), new float[200], 1, 1)
        {
            // Batch j is queued only when batch j - prefetch has been collated: a read can run at
            // most prefetch batches ahead of the batches the trainer asked for.
            Check = reads => reads <= (Interlocked.Read(ref started) + Math.Max(1, prefetch)) * BatchSize,
        };
        var layout = new SampleLayout([1], 1, ClassIndex: false, TargetWidth: 1, NumClasses: 0);
        using var pass = new SourcePass(source, layout, null, BatchSize, 25, "training", Device.Cpu, new LoaderOptions(workers, prefetch), CancellationToken.None);

        for (var b = 0; b < 25; b++)
        {
            Interlocked.Increment(ref started);
            using var scope = torch.NewDisposeScope();
            pass.Next().Features.ToArray<float>()[0].Should().Be(b * BatchSize);
        }

        source.Reads.Should().Be(200);
        source.Violations.Should().Be(0);
        pass.PeakHeldSamples.Should().BeLessThanOrEqualTo(prefetch * BatchSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_failing_read_fails_the_pass_naming_the_file_and_the_sample(int workers)
    {
        var failing = new ArraySource(Enumerable.Range(0, 64).Select(i => (float)i).ToArray(), new float[64], 1, 1) { FailAt = 37 };
        using var pass = new SourcePass(failing, Numbers with { NumClasses = 0, ClassIndex = false }, null, 8, 8, "training", Device.Cpu, new LoaderOptions(workers, 2), CancellationToken.None);

        var read = () =>
        {
            for (var b = 0; b < 8; b++)
            {
                using var scope = torch.NewDisposeScope();
                pass.Next();
            }
        };

        read.Should().Throw<DatasetException>()
            .Which.Message.Should().Contain("sample 37 of the training split").And.Contain("/data/shard-3.bin");
    }

    [Fact]
    public void A_label_outside_the_classes_names_the_sample()
    {
        var source = new ArraySource([0, 1, 2, 3], [0, 1, 5, 1], 1, 1);
        using var pass = new SourcePass(source, Numbers, [1, 0, 3, 2], 2, 2, "test", Device.Cpu, new LoaderOptions(), CancellationToken.None);
        using var scope = torch.NewDisposeScope();

        pass.Next();
        var act = () => pass.Next();

        act.Should().Throw<DatasetException>().WithMessage("Sample 2 of the test split has the label 5, but the dataset has 3 classes (0 to 2).");
    }

    [Fact]
    public void Ctrl_C_stops_a_wait_for_a_batch_that_a_worker_is_still_reading()
    {
        var source = new ArraySource(Enumerable.Range(0, 64).Select(i => (float)i).ToArray(), new float[64], 1, 1) { BlockAt = 12 };
        using var interrupt = new CancellationTokenSource();
        var layout = new SampleLayout([1], 1, ClassIndex: false, TargetWidth: 1, NumClasses: 0);
        var pass = new SourcePass(source, layout, null, 8, 8, "training", Device.Cpu, new LoaderOptions(2, 2), interrupt.Token);
        using (var scope = torch.NewDisposeScope())
        {
            pass.Next();
        }

        source.Blocked.Wait();
        interrupt.Cancel();
        var act = () => pass.Next();

        act.Should().Throw<OperationCanceledException>("the wait ends with the interrupt, not with the read");
        source.Gate.Set();
        pass.Dispose();
        source.Reads.Should().BeLessThan(64, "the workers stopped reading at the interrupt");
    }

    [Fact]
    public void The_training_thread_reads_the_unclaimed_samples_of_the_batch_it_asks_for_instead_of_waiting_for_a_worker()
    {
        var trainer = Environment.CurrentManagedThreadId;
        using var trainerRead = new ManualResetEventSlim();
        var stalled = 0;
        var readsOf = new int[40];
        var source = new ArraySource(Enumerable.Range(0, 40).Select(i => (float)i).ToArray(), new float[40], 1, 1)
        {
            // Workers that do not get a core in time (a loaded machine): none reads a sample until the
            // training thread has read one itself. A loader that only waited for its workers would
            // stall here until the safety net below runs out.
            BeforeRead = index =>
            {
                Interlocked.Increment(ref readsOf[index]);
                if (Environment.CurrentManagedThreadId == trainer)
                {
                    trainerRead.Set();
                }
                else if (!trainerRead.Wait(TimeSpan.FromSeconds(30)))
                {
                    Interlocked.Increment(ref stalled);
                }
            },
        };
        var layout = new SampleLayout([1], 1, ClassIndex: false, TargetWidth: 1, NumClasses: 0);
        using var pass = new SourcePass(source, layout, null, 10, 4, "training", Device.Cpu, new LoaderOptions(2, 2), CancellationToken.None);

        for (var b = 0; b < 4; b++)
        {
            using var scope = torch.NewDisposeScope();
            pass.Next().Features.ToArray<float>().Should().Equal(Enumerable.Range(b * 10, 10).Select(i => (float)i));
        }

        stalled.Should().Be(0, "the training thread read samples itself instead of waiting for the workers");
        readsOf.Should().AllBeEquivalentTo(1, "every sample is read once, whoever reads it");
    }

    [Fact]
    public void On_the_cpu_the_loader_does_not_pin_memory_even_when_asked_to()
    {
        var source = ArraySource.Numbered(20, 3);
        using var pass = new SourcePass(source, Numbers, null, 8, 3, "training", Device.Cpu, new LoaderOptions(2, 2, PinMemory: true), CancellationToken.None);
        using var scope = torch.NewDisposeScope();

        var batch = pass.Next();

        pass.PinnedBuffers.Should().BeFalse("page-locked memory only helps copies to a GPU");
        batch.Features.IsPinned.Should().BeFalse();
        batch.Features.ToArray<float>().Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [CudaFact]
    public void Training_on_cuda_the_loader_reads_into_pinned_buffers_it_reuses_and_copies_without_waiting()
    {
        var source = ArraySource.Numbered(200, 3);
        using var pass = new SourcePass(source, Numbers, null, 8, 25, "training", Device.Cuda, new LoaderOptions(2, 3, PinMemory: true), CancellationToken.None);

        for (var b = 0; b < 25; b++)
        {
            using var scope = torch.NewDisposeScope();
            var batch = pass.Next();
            batch.Features.Device.Type.Should().Be(DeviceType.Cuda);
            batch.Targets.Device.Type.Should().Be(DeviceType.Cuda);
            batch.Features.Cpu().ToArray<float>().Should().Equal(Enumerable.Range(b * 8, 8).Select(i => (float)i));
            batch.Targets.Cpu().ToArray<long>().Should().Equal(Enumerable.Range(b * 8, 8).Select(i => (long)(i % 3)));
        }

        pass.PinnedBuffers.Should().BeTrue();
        pass.Buffers.Should().Be(3, "25 batches went through the same prefetch buffers");
    }

    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    [InlineData(4, 64)]
    public void Distributed_shares_of_either_shape_are_disjoint_and_cover_the_split(int worldSize, int n)
    {
        var source = ArraySource.Numbered(n, 3);
        using var memory = new DataSplit(torch.Arange(n).To(ScalarType.Float32).Reshape([n, 1]).DetachFromDisposeScope(), torch.Arange(n).DetachFromDisposeScope());
        torch.ManualSeed(3);
        using var order = torch.RandPerm(n);
        foreach (var reader in new[] { SplitReader.InMemory("training", memory), SplitReader.Streaming("training", source, Numbers, new LoaderOptions(Workers: 2), Device.Cpu) })
        {
            using (reader)
            {
                var shares = new List<List<long>>();
                for (var rank = 0; rank < worldSize; rank++)
                {
                    var sampler = new DistributedSampler(rank, worldSize);
                    using var share = sampler.Share(order);
                    var batches = (int)((sampler.ShareSize(n) + 3) / 4);
                    using var pass = reader.Pass(share, 4, batches, CancellationToken.None);
                    var seen = new List<long>();
                    for (var b = 0; b < batches; b++)
                    {
                        using var scope = torch.NewDisposeScope();
                        seen.AddRange(pass.Next().Features.ToArray<float>().Select(v => (long)v));
                    }

                    shares.Add(seen);
                }

                shares.SelectMany(s => s).Distinct().Order().Should().Equal(Enumerable.Range(0, n).Select(i => (long)i), "the shares cover the split");
                var padding = (((n + worldSize - 1) / worldSize) * worldSize) - n;
                shares.Sum(s => s.Count).Should().Be(n + padding);
                shares.SelectMany(s => s).GroupBy(i => i).Count(g => g.Count() > 1).Should().BeLessThanOrEqualTo(padding, "only the padding repeats a sample");
            }
        }
    }

    private static List<float> Read(ArraySource source, Tensor order, int workers, int prefetch)
    {
        using var reader = SplitReader.Streaming("training", source, Numbers, new LoaderOptions(workers, prefetch), Device.Cpu);
        var batches = reader.Batches(10);
        using var pass = reader.Pass(order, 10, batches, CancellationToken.None);
        var seen = new List<float>();
        for (var b = 0; b < batches; b++)
        {
            using var scope = torch.NewDisposeScope();
            seen.AddRange(pass.Next().Features.ToArray<float>());
        }

        return seen;
    }
}
