namespace Crucible.Torch.Tests.Tensors;

[Collection(GlobalState.Name)]
public class CreationTests
{
    [Fact]
    public void Factories_produce_the_documented_values_dtypes_and_shapes()
    {
        using var scope = torch.NewDisposeScope();

        torch.Zeros([2, 3]).ToArray<float>().Should().OnlyContain(v => v == 0f).And.HaveCount(6);
        torch.Ones([2], ScalarType.Float64).ToArray<double>().Should().Equal(1.0, 1.0);
        torch.Full([2, 2], 7).DType.Should().Be(ScalarType.Int64);
        torch.Full([2, 2], 0.5).ToArray<float>().Should().Equal(0.5f, 0.5f, 0.5f, 0.5f);
        torch.Full([1], true).DType.Should().Be(ScalarType.Bool);
        torch.Arange(5).ToArray<long>().Should().Equal(0L, 1L, 2L, 3L, 4L);
        torch.Arange(1, 10, 3).ToArray<long>().Should().Equal(1L, 4L, 7L);
        torch.Arange(0.0, 1.0, 0.25).ToArray<float>().Should().Equal(0f, 0.25f, 0.5f, 0.75f);
        torch.Linspace(0, 1, 5).ToArray<float>().Should().Equal(0f, 0.25f, 0.5f, 0.75f, 1f);
        torch.Eye(2, 3).ToArray<float>().Should().Equal(1f, 0f, 0f, 0f, 1f, 0f);
        torch.Empty([4, 1]).Shape.Should().Equal(4, 1);
        torch.ScalarTensor(3.5).Dim.Should().Be(0);
        torch.Tensor(new double[,] { { 1, 2 }, { 3, 4 } }).Shape.Should().Equal(2, 2);
    }

    [Fact]
    public void Like_variants_keep_shape_dtype_and_device_unless_told()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2, 3], ScalarType.Float64);

        torch.ZerosLike(x).DType.Should().Be(ScalarType.Float64);
        torch.OnesLike(x, ScalarType.Int32).DType.Should().Be(ScalarType.Int32);
        torch.FullLike(x, 4.0).ToArray<double>().Should().OnlyContain(v => v == 4.0);
        torch.RandLike(x).Shape.Should().Equal(2, 3);
        torch.RandnLike(x).Device.Should().Be(Device.Cpu);
        torch.EmptyLike(x).Shape.Should().Equal(2, 3);
    }

    [Fact]
    public void Random_factories_repeat_after_the_same_seed()
    {
        using var scope = torch.NewDisposeScope();

        torch.ManualSeed(42);
        var a = torch.Randn([8]).ToArray<float>();
        var p = torch.RandPerm(10).ToArray<long>();
        var i = torch.RandInt(3, 7, [20]).ToArray<long>();
        torch.ManualSeed(42);

        torch.Randn([8]).ToArray<float>().Should().Equal(a);
        torch.RandPerm(10).ToArray<long>().Should().Equal(p);
        torch.RandInt(3, 7, [20]).ToArray<long>().Should().Equal(i);
        p.Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(v => (long)v));
        i.Should().OnlyContain(v => v >= 3 && v < 7);
        torch.Rand([100]).ToArray<float>().Should().OnlyContain(v => v >= 0 && v < 1);
    }

    [Fact]
    public void Randn_matches_pytorch_for_the_same_seed()
    {
        // torch.manual_seed(0); torch.randn(3) in PyTorch 1.13 on CPU.
        torch.ManualSeed(0);
        using var x = torch.Randn([3]);

        x.ToArray<float>().Should().Equal(1.5409961f, -0.2934289f, -2.1787894f);
    }

    [Fact]
    public void The_rng_state_round_trips_so_draws_repeat()
    {
        torch.ManualSeed(7);
        using var state = torch.GetRngState();
        using var first = torch.Rand([5]);
        torch.Rand([3]).Dispose();

        torch.SetRngState(state);
        using var again = torch.Rand([5]);

        again.ToArray<float>().Should().Equal(first.ToArray<float>());
        state.DType.Should().Be(ScalarType.UInt8);
    }

    [Fact]
    public void Every_supported_dtype_round_trips_through_To()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new float[] { 0, 1, 2, 3 });
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64, ScalarType.Int32, ScalarType.UInt8, ScalarType.Bool })
        {
            var y = x.To(dtype);
            y.DType.Should().Be(dtype);
            y.To(ScalarType.Float32).ToArray<float>().Should().Equal(dtype == ScalarType.Bool ? [0f, 1f, 1f, 1f] : [0f, 1f, 2f, 3f]);
        }

        torch.Tensor(new Half[] { (Half)1.5 }).Item<Half>().Should().Be((Half)1.5);
        torch.Tensor(new[] { true, false }).ToArray<bool>().Should().Equal(true, false);
        torch.Tensor(new byte[] { 255 }).Item<long>().Should().Be(255);
    }

    [Fact]
    public void Item_converts_between_numeric_types()
    {
        using var x = torch.ScalarTensor(2.5f);

        x.Item<float>().Should().Be(2.5f);
        x.Item<double>().Should().Be(2.5);
        x.Item<long>().Should().Be(2);
    }

    [Fact]
    public void Devices_parse_like_pytorch()
    {
        Device.Parse("cpu").Should().Be(Device.Cpu);
        Device.Parse("cuda:1").Should().Be(new Device(DeviceType.Cuda, 1));
        Device.Parse("auto").Should().Be(torch.Cuda.IsAvailable ? Device.Cuda : Device.Cpu);
        new Device(DeviceType.Cuda, 0).ToString().Should().Be("cuda:0");
        var act = () => Device.Parse("tpu");
        act.Should().Throw<ArgumentException>().WithMessage("*cpu, cuda, cuda:N or auto*");
    }

    [Fact]
    public void Determinism_switch_and_thread_count_take_effect()
    {
        var threads = torch.NumThreads;
        try
        {
            torch.UseDeterministicAlgorithms(true);
            torch.AreDeterministicAlgorithmsEnabled().Should().BeTrue();
            torch.NumThreads = 1;
            torch.NumThreads.Should().Be(1);
        }
        finally
        {
            torch.UseDeterministicAlgorithms(false);
            torch.NumThreads = threads;
        }

        torch.AreDeterministicAlgorithmsEnabled().Should().BeFalse();
    }
}
