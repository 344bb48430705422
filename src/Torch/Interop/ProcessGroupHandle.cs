using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>Owns one native <c>c10d</c> process group reference; released exactly once.</summary>
internal sealed class ProcessGroupHandle : SafeHandle
{
    public ProcessGroupHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_pg_free(handle);
        return true;
    }
}
