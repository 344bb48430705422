namespace Crucible.Torch.Tests;

public class SmokeTests
{
    [Fact]
    public void Adds_two_tensors_through_libtorch_and_reads_the_values_back()
    {
        using var a = torch.Tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var b = torch.Tensor(new float[] { 10, 20, 30, 40 }, [2, 2]);

        using var sum = a + b;

        sum.Shape.Should().Equal(2, 2);
        sum.DType.Should().Be(ScalarType.Float32);
        sum.Device.Should().Be(Device.Cpu);
        sum.ToArray<float>().Should().Equal(11f, 22f, 33f, 44f);
    }

    [Fact]
    public void Reports_the_libtorch_version()
    {
        torch.Version.Should().MatchRegex(@"^\d+\.\d+");
    }

    [Fact]
    public void A_shape_mismatch_becomes_a_TorchException_with_libtorchs_message()
    {
        using var a = torch.Zeros([2, 3]);
        using var b = torch.Zeros([4]);

        var act = () => a + b;

        act.Should().Throw<TorchException>().WithMessage("*size of tensor a (3) must match the size of tensor b (4)*");
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException()
    {
        var a = torch.Ones([2]);
        a.Dispose();

        var act = () => a.ToArray<float>();

        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void A_dispose_scope_frees_what_was_created_inside_except_what_moved_out()
    {
        Tensor inner;
        Tensor kept;
        using (torch.NewDisposeScope())
        {
            inner = torch.Ones([3]);
            kept = (inner + inner).MoveToOuter();
        }

        inner.IsDisposed.Should().BeTrue();
        kept.IsDisposed.Should().BeFalse();
        kept.ToArray<float>().Should().Equal(2f, 2f, 2f);
        kept.Dispose();
    }
}
