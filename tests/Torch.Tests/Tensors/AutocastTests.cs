using Crucible.Torch.Amp;
using Crucible.Torch.Tests.Nn;

namespace Crucible.Torch.Tests.Tensors;

[Collection(GlobalState.Name)]
public class AutocastTests
{
    [Fact]
    public void Matrix_products_run_in_bfloat16_inside_a_cpu_autocast_region_and_in_float32_after_it()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Randn([4, 5]);
        var b = torch.Randn([5, 3]);

        Tensor inside;
        using (torch.Autocast(DeviceType.Cpu, ScalarType.BFloat16))
        {
            torch.IsAutocastEnabled(DeviceType.Cpu).Should().BeTrue();
            inside = a.MatMul(b);
            (a + a).DType.Should().Be(ScalarType.Float32, "element-wise ops are not on autocast's lower-precision list");
        }

        inside.DType.Should().Be(ScalarType.BFloat16);
        torch.IsAutocastEnabled(DeviceType.Cpu).Should().BeFalse("the scope restores the previous state");
        a.MatMul(b).DType.Should().Be(ScalarType.Float32);
        inside.To(ScalarType.Float32).AllClose(a.MatMul(b), rtol: 2e-2, atol: 5e-2).Should().BeTrue("bfloat16 keeps about 3 significant digits");
    }

    [Fact]
    public void A_disabled_region_inside_an_enabled_one_runs_in_float32_and_restores_it()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Randn([2, 2]);
        using (torch.Autocast(DeviceType.Cpu, ScalarType.BFloat16))
        {
            using (torch.Autocast(DeviceType.Cpu, ScalarType.BFloat16, enabled: false))
            {
                a.MatMul(a).DType.Should().Be(ScalarType.Float32);
            }

            a.MatMul(a).DType.Should().Be(ScalarType.BFloat16);
        }
    }

    [Fact]
    public void An_unsupported_dtype_is_refused_with_libtorchs_message()
    {
        var act = () => torch.Autocast(DeviceType.Cpu, ScalarType.Float64);

        act.Should().Throw<TorchException>().WithMessage("*bfloat16 or float16*");
        torch.IsAutocastEnabled(DeviceType.Cpu).Should().BeFalse();
    }

    [Fact]
    public void The_grad_scaler_unscales_gradients_skips_an_overflowing_step_and_grows_after_good_ones()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new float[] { 1, 2 }).RequiresGrad_();
        var scaler = new GradScaler(initScale: 8, growthInterval: 2);

        scaler.ScaleLoss((w * w).Sum()).Backward();
        // d(sum w^2)/dw = 2w, times the scale 8.
        w.Grad!.ToArray<float>().Should().Equal(16f, 32f);
        scaler.Unscale([w]).Should().BeTrue();
        w.Grad!.ToArray<float>().Should().Equal(2f, 4f);
        scaler.Update(finite: true);
        scaler.Update(finite: true);
        scaler.Scale.Should().Be(16, "two good steps in a row double it");

        using (torch.NoGrad())
        {
            w.Grad!.Fill_(float.PositiveInfinity);
        }

        scaler.Unscale([w]).Should().BeFalse();
        scaler.Update(finite: false);
        scaler.Scale.Should().Be(8);
        scaler.SkippedSteps.Should().Be(1);
        scaler.GrowthTracker.Should().Be(0);
    }

    [Fact]
    public void A_restored_grad_scaler_continues_as_the_uninterrupted_one()
    {
        var steps = new[] { true, false, true, true, true, false, true, true, true };
        var uninterrupted = new GradScaler(initScale: 64, growthInterval: 3);
        var first = new GradScaler(initScale: 64, growthInterval: 3);
        foreach (var finite in steps[..4])
        {
            uninterrupted.Update(finite);
            first.Update(finite);
        }

        // A checkpoint after four steps: two good steps since the overflow, one skipped step.
        var resumed = new GradScaler(initScale: 64, growthInterval: 3);
        resumed.Restore(first.Scale, first.GrowthTracker, first.SkippedSteps);
        (resumed.Scale, resumed.GrowthTracker, resumed.SkippedSteps).Should().Be((32.0, 2, 1L));
        foreach (var finite in steps[4..])
        {
            uninterrupted.Update(finite);
            resumed.Update(finite);
            (resumed.Scale, resumed.GrowthTracker, resumed.SkippedSteps).Should().Be((uninterrupted.Scale, uninterrupted.GrowthTracker, uninterrupted.SkippedSteps));
        }

        resumed.Scale.Should().Be(64, "grown on the first good step after the restore, halved, then grown again after three good steps");
        var tooLate = () => resumed.Restore(8, growthTracker: 3, skippedSteps: 0);
        tooLate.Should().Throw<ArgumentOutOfRangeException>("a tracker at the interval would have grown the scale already");
    }

    [CudaFact]
    public void Matrix_products_run_in_float16_inside_a_cuda_autocast_region()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Randn([4, 5]).To(Device.Cuda);
        using (torch.Autocast(DeviceType.Cuda, ScalarType.Float16))
        {
            a.MatMul(a.T()).DType.Should().Be(ScalarType.Float16);
        }

        a.MatMul(a.T()).DType.Should().Be(ScalarType.Float32);
    }
}
