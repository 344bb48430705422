using Crucible.Torch.Interop;

namespace Crucible.Torch.Distributed;

/// <summary>
/// c10d's file store (<c>torch.distributed.FileStore</c>): a file every process of the group can
/// open (one machine, or a shared file system). The last process to close it deletes the file.
/// </summary>
public sealed class FileStore : Store
{
    /// <summary>Opens (or creates) the store at <paramref name="path"/> for <paramref name="worldSize"/> processes.</summary>
    public FileStore(string path, int worldSize)
        : base(NativeMethods.Check(NativeMethods.crc_store_file_new(path, worldSize)))
    {
    }
}
