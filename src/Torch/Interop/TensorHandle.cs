using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>Owns one native <c>at::Tensor</c>; released exactly once, by Dispose or the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a handle the shim wrote into an out-array.</summary>
    public TensorHandle(IntPtr existing)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(existing);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_tensor_free(handle);
        return true;
    }
}
