using System.Runtime.InteropServices;

namespace Crucible.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int crc_dist_gloo_available();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StoreHandle crc_store_tcp_new(string host, int port, int worldSize, int isMaster, long timeoutMs);

    [LibraryImport(Library)]
    internal static partial int crc_store_tcp_port(StoreHandle store);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StoreHandle crc_store_file_new(string path, int worldSize);

    [LibraryImport(Library)]
    internal static partial void crc_store_free(IntPtr store);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int crc_store_set(StoreHandle store, string key, byte[] value, long length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long crc_store_get(StoreHandle store, string key, out IntPtr value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long crc_store_add(StoreHandle store, string key, long amount);

    [LibraryImport(Library)]
    internal static partial int crc_store_set_timeout(StoreHandle store, long timeoutMs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ProcessGroupHandle crc_pg_gloo_new(
        StoreHandle store, int rank, int size, long timeoutMs, string? interfaceName, string? hostname);

    [LibraryImport(Library)]
    internal static partial void crc_pg_free(IntPtr pg);

    [LibraryImport(Library)]
    internal static partial int crc_pg_rank(ProcessGroupHandle pg);

    [LibraryImport(Library)]
    internal static partial int crc_pg_size(ProcessGroupHandle pg);

    [LibraryImport(Library)]
    internal static partial IntPtr crc_pg_backend(ProcessGroupHandle pg);

    [LibraryImport(Library)]
    internal static partial int crc_pg_allreduce(ProcessGroupHandle pg, TensorHandle tensor, int op);

    [LibraryImport(Library)]
    internal static partial int crc_pg_allreduce_coalesced(ProcessGroupHandle pg, IntPtr[] tensors, int count, int op);

    [LibraryImport(Library)]
    internal static partial int crc_pg_broadcast(ProcessGroupHandle pg, TensorHandle tensor, int root);

    [LibraryImport(Library)]
    internal static partial int crc_pg_allgather(ProcessGroupHandle pg, IntPtr[] outputs, int count, TensorHandle input);

    [LibraryImport(Library)]
    internal static partial int crc_pg_barrier(ProcessGroupHandle pg);
}
