using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial IntPtr crc_torch_version();

    [LibraryImport(Library)]
    internal static partial int crc_get_num_threads();

    [LibraryImport(Library)]
    internal static partial int crc_set_num_threads(int n);

    [LibraryImport(Library)]
    internal static partial int crc_manual_seed(long seed);

    [LibraryImport(Library)]
    internal static partial int crc_release_memory();

    [LibraryImport(Library)]
    internal static partial int crc_cuda_is_available();

    [LibraryImport(Library)]
    internal static partial int crc_cuda_device_count();
}

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial TensorHandle crc_rng_get_state(int deviceType, int deviceIndex);

    [LibraryImport(Library)]
    internal static partial int crc_rng_set_state(int deviceType, int deviceIndex, TensorHandle state);

    [LibraryImport(Library)]
    internal static partial int crc_rng_seed(int deviceType, int deviceIndex, long seed);

    [LibraryImport(Library)]
    internal static partial int crc_deterministic_get();

    [LibraryImport(Library)]
    internal static partial int crc_deterministic_set(int enabled, int warnOnly);

    [LibraryImport(Library)]
    internal static partial int crc_cudnn_benchmark_set(int enabled);
}
