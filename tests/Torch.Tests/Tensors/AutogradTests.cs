namespace Crucible.Torch.Tests.Tensors;

public class AutogradTests
{
    [Fact]
    public void Backward_fills_grad_of_leaves()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2, 3 }, requiresGrad: true);

        var y = (x * x).Sum();
        y.Backward();

        x.Grad!.ToArray<double>().Should().Equal(2, 4, 6);
        x.IsLeaf.Should().BeTrue();
        y.IsLeaf.Should().BeFalse();
        y.GradFn.Should().Be("SumBackward0");
        x.GradFn.Should().BeNull();
    }

    [Fact]
    public void Backward_with_an_explicit_gradient_and_accumulation()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2 }, requiresGrad: true);

        (x * 3).Backward(torch.Tensor(new double[] { 1, 10 }));
        (x * 3).Backward(torch.Tensor(new double[] { 1, 1 }));

        x.Grad!.ToArray<double>().Should().Equal(6, 33);
        x.ZeroGrad(setToNone: false);
        x.Grad!.ToArray<double>().Should().Equal(0, 0);
        x.ZeroGrad();
        x.Grad.Should().BeNull();
    }

    [Fact]
    public void NoGrad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2], requiresGrad: true);

        using (torch.NoGrad())
        {
            torch.IsGradEnabled.Should().BeFalse();
            (x * 2).RequiresGrad.Should().BeFalse();
            x.Mul_(3);
        }

        torch.IsGradEnabled.Should().BeTrue();
        (x * 2).RequiresGrad.Should().BeTrue();
        x.Detach().RequiresGrad.Should().BeFalse();
    }

    [Fact]
    public void A_non_leaf_keeps_its_grad_when_asked()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2], requiresGrad: true);
        var h = x * 2;
        h.RetainGrad();

        (h * h).Sum().Backward();

        h.Grad!.ToArray<float>().Should().Equal(4f, 4f);
    }
}
