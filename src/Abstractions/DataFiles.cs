using System.Runtime.InteropServices;

namespace Crucible.Abstractions;

/// <summary>
/// Checks on data files before they are opened. Only a regular file is data: a FIFO blocks the
/// reader until someone writes to it (past a stop request), a device such as <c>/dev/zero</c> never
/// ends, and a folder is not a file. The host applies <see cref="Problem"/> to every
/// <see cref="DataPathAttribute"/> option; a plugin that composes file names itself calls
/// <see cref="EnsureRegularFile"/> before it opens one.
/// </summary>
public static partial class DataFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;

    /// <summary>
    /// Why <paramref name="path"/> cannot be read as data ("does not exist", "is a FIFO", ...), or
    /// null when it is a regular file (or, with <paramref name="directory"/>, a folder). Symbolic links are followed.
    /// </summary>
    public static string? Problem(string path, bool directory = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = KindOf(path);
        return (kind, directory) switch
        {
            (FileKind.Missing, _) => "does not exist",
            (FileKind.Regular, false) or (FileKind.Directory, true) => null,
            (FileKind.Directory, false) => "is a folder, not a file",
            (FileKind.Regular, true) => "is a file, not a folder",
            (FileKind.Fifo, _) => "is a FIFO (named pipe), not a regular file",
            (FileKind.CharacterDevice or FileKind.BlockDevice, _) => "is a device, not a regular file",
            (FileKind.Socket, _) => "is a socket, not a regular file",
            _ => "is not a regular file",
        };
    }

    /// <summary>Throws a <see cref="DatasetException"/> naming <paramref name="path"/> unless it is a regular file.</summary>
    public static void EnsureRegularFile(string path)
    {
        if (Problem(path) is { } problem)
        {
            throw new DatasetException($"'{path}' {problem}.");
        }
    }

    private enum FileKind
    {
        Missing,
        Regular,
        Directory,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Other,
    }

    private static FileKind KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere .NET's own view: FIFOs and devices cannot be told apart from files.
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        // statx's buffer has the same layout on every Linux architecture (stx_mode: u16 at offset 28),
        // unlike struct stat.
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        int result;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                result = Statx(AtFdCwd, path, 0, StatxType, p);
            }
        }

        if (result != 0)
        {
            return FileKind.Missing;
        }

        var mode = BitConverter.ToUInt16(buffer[ModeOffset..]) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
