namespace Crucible.Torch.Tests.Tensors;

public class ErrorTests
{
    [Fact]
    public void Libtorch_errors_become_TorchException_with_libtorchs_message()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([2, 3]);

        a.Invoking(t => t.MatMul(torch.Zeros([2, 3]))).Should().Throw<TorchException>().WithMessage("*cannot be multiplied*");
        a.Invoking(t => t.View(4)).Should().Throw<TorchException>().WithMessage("*shape '[4]' is invalid for input of size 6*");
        a.Invoking(t => t.Select(0, 5)).Should().Throw<TorchException>().WithMessage("*index 5 out of range*");
        a.Invoking(t => t.Backward()).Should().Throw<TorchException>().WithMessage("*does not require grad*");
        torch.Tensor(new float[] { 1 }).Invoking(t => t.IndexSelect(0, torch.Tensor(new float[] { 0 })))
            .Should().Throw<TorchException>().WithMessage("*int32 or int64*");
    }

    [Fact]
    public void The_thread_is_usable_after_an_error()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([2]);

        a.Invoking(t => t.Reshape(3)).Should().Throw<TorchException>();

        (a + 1).ToArray<float>().Should().Equal(1f, 1f);
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException_everywhere()
    {
        var a = torch.Ones([2]);
        using var b = torch.Ones([2]);
        a.Dispose();
        a.Dispose();

        a.Invoking(t => t.Shape).Should().Throw<ObjectDisposedException>();
        a.Invoking(t => t + 1).Should().Throw<ObjectDisposedException>();
        b.Invoking(t => t * a).Should().Throw<ObjectDisposedException>();
        a.Invoking(t => t.Add_(b)).Should().Throw<ObjectDisposedException>();
        a.Invoking(t => t.Grad).Should().Throw<ObjectDisposedException>();
        a.Invoking(t => torch.Cat([b, t])).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Reading_with_the_wrong_element_type_says_what_to_do()
    {
        using var a = torch.Ones([2], ScalarType.Float64);

        a.Invoking(t => t.ToArray<float>()).Should().Throw<InvalidOperationException>().WithMessage("*float64*double*");
    }
}
