using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_autocast_is_enabled(int deviceType);

    [LibraryImport(Library)]
    internal static partial int crc_autocast_set_enabled(int deviceType, int enabled);

    [LibraryImport(Library)]
    internal static partial int crc_autocast_get_dtype(int deviceType);

    [LibraryImport(Library)]
    internal static partial int crc_autocast_set_dtype(int deviceType, int dtype);

    [LibraryImport(Library)]
    internal static partial int crc_autocast_increment_nesting();

    [LibraryImport(Library)]
    internal static partial int crc_autocast_decrement_nesting();

    [LibraryImport(Library)]
    internal static partial int crc_autocast_clear_cache();
}
