using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>Owns one native <c>at::Tensor</c>; released exactly once, by Dispose or the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_tensor_free(handle);
        return true;
    }
}
