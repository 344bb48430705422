using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_pin_memory(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial int crc_tensor_is_pinned(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial IntPtr crc_tensor_data_ptr(TensorHandle t);

    [LibraryImport(Library)]
    internal static partial TensorHandle crc_tensor_to_non_blocking(TensorHandle t, int deviceType, int deviceIndex, int copy);

    [LibraryImport(Library)]
    internal static partial EventHandle crc_event_new(int deviceType);

    [LibraryImport(Library)]
    internal static partial void crc_event_free(IntPtr e);

    [LibraryImport(Library)]
    internal static partial int crc_event_record(EventHandle e, int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial int crc_event_query(EventHandle e);

    [LibraryImport(Library)]
    internal static partial int crc_event_synchronize(EventHandle e);
}
