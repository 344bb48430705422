using Crucible.Torch.Interop;

namespace Crucible.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// A copy of this CPU tensor in page-locked host memory (<c>tensor.pin_memory()</c>), from which
    /// <see cref="To(Device, bool, bool)"/> with <c>nonBlocking</c> copies to a GPU without waiting.
    /// Needs a CUDA build of libtorch.
    /// </summary>
    public Tensor PinMemory() => new(NativeMethods.crc_tensor_pin_memory(Handle));

    /// <summary>Whether the tensor lives in page-locked host memory (<c>tensor.is_pinned()</c>).</summary>
    public bool IsPinned => NativeMethods.Check(NativeMethods.crc_tensor_is_pinned(Handle)) == 1;

    /// <summary>
    /// Moves to another device (<c>tensor.to(device, non_blocking=...)</c>). With
    /// <paramref name="nonBlocking"/> a copy from pinned memory to a GPU is queued on the device's
    /// current stream and the call returns at once: the source must not change until a
    /// <see cref="torch.Cuda.Event"/> recorded after it has completed.
    /// </summary>
    public Tensor To(Device device, bool copy, bool nonBlocking) => nonBlocking
        ? new(NativeMethods.crc_tensor_to_non_blocking(Handle, (int)device.Type, device.Index, copy ? 1 : 0))
        : To(device, copy);

    /// <summary>
    /// The memory of a contiguous float32 CPU tensor as a span, written in place (a loader filling a
    /// pinned batch). The span is valid while the tensor is alive and must not outlive it.
    /// </summary>
    public unsafe Span<float> AsFloatSpan()
    {
        if (DType != ScalarType.Float32)
        {
            throw new InvalidOperationException($"AsFloatSpan needs a float32 tensor, not {DType}.");
        }

        var data = NativeMethods.crc_tensor_data_ptr(Handle);
        if (data == IntPtr.Zero)
        {
            throw NativeMethods.LastError();
        }

        return new Span<float>((void*)data, checked((int)NumEl));
    }
}
