using Crucible.Torch.Tests.Nn;

namespace Crucible.Torch.Tests.Tensors;

/// <summary>Page-locked host memory, non-blocking copies and events (what a loader feeding a GPU uses).</summary>
public class PinnedMemoryTests
{
    [Fact]
    public void An_ordinary_cpu_tensor_is_not_pinned_and_its_memory_can_be_written_in_place()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Zeros([2, 3]);

        x.AsFloatSpan()[4] = 7;

        x.IsPinned.Should().BeFalse();
        x.ToArray<float>().Should().Equal(0f, 0f, 0f, 0f, 7f, 0f);
    }

    [Fact]
    public void Writing_in_place_needs_a_float32_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Zeros([2], ScalarType.Int64);

        var act = () => x.AsFloatSpan().Length;

        act.Should().Throw<InvalidOperationException>().WithMessage("*float32*");
    }

    [Fact]
    public void A_non_blocking_move_on_the_cpu_is_an_ordinary_move()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new float[] { 1, 2, 3 });

        var y = x.To(Device.Cpu, copy: true, nonBlocking: true);
        x.AsFloatSpan()[0] = 5;

        y.ToArray<float>().Should().Equal(1f, 2f, 3f);
    }

    [CudaFact]
    public void An_event_that_was_never_recorded_has_completed()
    {
        using var e = new torch.Cuda.Event();

        e.Query().Should().BeTrue();
        e.Synchronize();
    }

    [Fact]
    public void Without_cuda_pinning_and_events_fail_with_libtorchs_message_instead_of_crashing()
    {
        if (torch.Cuda.IsAvailable)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var pin = () => torch.Zeros([4]).PinMemory();
        var newEvent = () => new torch.Cuda.Event().Dispose();

        pin.Should().Throw<TorchException>();
        newEvent.Should().Throw<TorchException>().WithMessage("*cuda*");
    }

    [CudaFact]
    public void A_pinned_tensor_copies_to_the_gpu_without_waiting_and_an_event_says_when_the_copy_ran()
    {
        using var scope = torch.NewDisposeScope();
        var pinned = torch.Arange(1 << 20, ScalarType.Float32).PinMemory();
        using var copied = new torch.Cuda.Event();

        var gpu = pinned.To(Device.Cuda, copy: false, nonBlocking: true);
        copied.Record(Device.Cuda);
        copied.Synchronize();
        pinned.AsFloatSpan().Fill(-1);

        pinned.IsPinned.Should().BeTrue();
        copied.Query().Should().BeTrue();
        gpu.Device.Type.Should().Be(DeviceType.Cuda);
        gpu.Cpu().ToArray<float>().Should().Equal(Enumerable.Range(0, 1 << 20).Select(i => (float)i), "the copy ran before the pinned memory was overwritten");
    }
}
