using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Tabular;

/// <summary>
/// Where every record of a CSV file starts, by byte offset, for reading row i without reading the
/// rows before it. Built once in one streaming pass that also hashes the file (SHA-256, the data's
/// digest), and cached beside that digest: <c>csv-index/&lt;sha256&gt;.offsets</c> (little-endian
/// int64 starts, then the file's length) and <c>csv-index/files/&lt;key&gt;</c> naming the digest of
/// the file at this path, size and modification time, so an unchanged file is never read again to
/// find its rows. The offsets are memory-mapped, not loaded. Blank lines are no records; with a
/// one-character delimiter a quoted field may span lines.
/// </summary>
internal sealed class CsvRowIndex : IDisposable
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;

    private CsvRowIndex(string offsetsPath, string digest)
    {
        Digest = digest;
        var length = new FileInfo(offsetsPath).Length;
        Count = (length / 8) - 1;
        map = MemoryMappedFile.CreateFromFile(offsetsPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
    }

    /// <summary>SHA-256 (hex) of the file's bytes.</summary>
    public string Digest { get; }

    /// <summary>The number of records (header included).</summary>
    public long Count { get; }

    /// <summary>The byte range of record <paramref name="record"/> (up to the next record's start).</summary>
    public (long Start, long End) Range(long record) => (view.ReadInt64(record * 8), view.ReadInt64((record + 1) * 8));

    public static CsvRowIndex Open(string path, bool quotes, string cacheDirectory)
    {
        var info = new FileInfo(path);
        var folder = Path.Combine(cacheDirectory, "csv-index");
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Path.GetFullPath(path)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{quotes}")));
        var pointer = Path.Combine(folder, "files", key);
        if (File.Exists(pointer) && File.ReadAllText(pointer).Trim() is { Length: 64 } known && File.Exists(Path.Combine(folder, $"{known}{Suffix(quotes)}")))
        {
            return new CsvRowIndex(Path.Combine(folder, $"{known}{Suffix(quotes)}"), known);
        }

        Directory.CreateDirectory(Path.Combine(folder, "files"));
        var partial = Path.Combine(folder, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        try
        {
            string digest;
            using (var output = new BufferedStream(File.Create(partial), 1 << 16))
            {
                digest = Build(path, quotes, output);
            }

            var offsets = Path.Combine(folder, $"{digest}{Suffix(quotes)}");
            File.Move(partial, offsets, overwrite: true);
            File.WriteAllText(pointer, digest);
            return new CsvRowIndex(offsets, digest);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public void Dispose()
    {
        view.Dispose();
        map.Dispose();
    }

    private static string Suffix(bool quotes) => quotes ? ".offsets" : ".plain.offsets";

    /// <summary>Writes the start of every record, then the file's length; returns the file's SHA-256.</summary>
    private static string Build(string path, bool quotes, Stream output)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        Span<byte> word = stackalloc byte[8];
        long position = 0, lineStart = 0;
        bool content = false, quoted = false, continuation = false;
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
            for (var i = 0; i < read; i++, position++)
            {
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    EndLine(ref continuation, quoted, content, lineStart, output, word);
                    lineStart = position + 1;
                    content = false;
                }
                else
                {
                    if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r')
                    {
                        content = true;
                    }

                    if (quotes && b == (byte)'"')
                    {
                        quoted = !quoted;
                    }
                }
            }
        }

        if (lineStart < position)
        {
            EndLine(ref continuation, quoted, content, lineStart, output, word);
        }

        BinaryPrimitives.WriteInt64LittleEndian(word, position);
        output.Write(word);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void EndLine(ref bool continuation, bool quoted, bool content, long lineStart, Stream output, Span<byte> word)
    {
        if (!continuation && content)
        {
            BinaryPrimitives.WriteInt64LittleEndian(word, lineStart);
            output.Write(word);
        }

        // A line that ends inside quotes continues the record on the next line.
        continuation = quoted;
    }
}
