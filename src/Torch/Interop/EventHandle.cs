using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

/// <summary>Owns one native <c>c10::Event</c>; released exactly once.</summary>
internal sealed class EventHandle : SafeHandle
{
    public EventHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.crc_event_free(handle);
        return true;
    }
}
