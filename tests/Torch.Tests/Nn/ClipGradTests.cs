using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

public class ClipGradTests
{
    [Fact]
    public void ClipGradNorm_scales_all_gradients_to_the_max_norm_and_returns_the_total()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([2], ScalarType.Float64, requiresGrad: true);
        var b = torch.Zeros([1], ScalarType.Float64, requiresGrad: true);
        var unused = torch.Zeros([1], requiresGrad: true);
        a.Grad = torch.Tensor(new double[] { 3, 0 });
        b.Grad = torch.Tensor(new double[] { 4 });

        var total = Utils.ClipGradNorm([a, b, unused], maxNorm: 1.0);

        total.Item<double>().Should().BeApproximately(5, 1e-12);
        var scale = 1.0 / (5 + 1e-6);
        a.Grad!.ToArray<double>().Should().Equal(3 * scale, 0);
        b.Grad!.ToArray<double>()[0].Should().BeApproximately(4 * scale, 1e-15);
        unused.Grad.Should().BeNull();
    }

    [Fact]
    public void ClipGradNorm_leaves_small_gradients_alone_and_supports_the_max_norm()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([3], requiresGrad: true);
        a.Grad = torch.Tensor(new float[] { 0.1f, -0.2f, 0.05f });

        var total = Utils.ClipGradNorm([a], maxNorm: 10, normType: double.PositiveInfinity);

        total.Item<float>().Should().Be(0.2f);
        a.Grad!.ToArray<float>().Should().Equal(0.1f, -0.2f, 0.05f);
    }

    [Fact]
    public void ClipGradNorm_can_refuse_a_non_finite_norm()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([1], requiresGrad: true);
        a.Grad = torch.Tensor(new[] { float.NaN });

        var act = () => Utils.ClipGradNorm([a], 1.0, errorIfNonfinite: true);

        act.Should().Throw<TorchException>().WithMessage("*non-finite*");
    }

    [Fact]
    public void ClipGradValue_clamps_every_element()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Zeros([3], requiresGrad: true);
        a.Grad = torch.Tensor(new float[] { 5, -0.5f, -7 });

        Utils.ClipGradValue([a], 1);

        a.Grad!.ToArray<float>().Should().Equal(1f, -0.5f, -1f);
    }
}
