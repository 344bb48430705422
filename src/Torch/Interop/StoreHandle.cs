using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>Owns one native <c>c10d::Store</c> reference; released exactly once.</summary>
internal sealed class StoreHandle : SafeHandle
{
    public StoreHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_store_free(handle);
        return true;
    }
}
