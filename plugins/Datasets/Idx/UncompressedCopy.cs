using System.IO.Compression;
using System.Security.Cryptography;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// The uncompressed form of an IDX file for memory mapping: a raw file is used where it is; a gzip
/// file is decompressed once, streaming, into the dataset cache under the SHA-256 of its compressed
/// bytes (<c>idx-raw/&lt;sha256&gt;.idx</c>), so a changed file gets a new copy and an unchanged
/// one is never decompressed again. The copy is written to a temporary name and renamed when complete.
/// </summary>
internal static class UncompressedCopy
{
    public static string Ensure(string path, string cacheDirectory, CancellationToken cancel)
    {
        if (DataFiles.Problem(path) is { } problem)
        {
            throw new DatasetException($"The IDX file '{path}' {problem}.");
        }

        using (var probe = File.OpenRead(path))
        {
            if (!(probe.ReadByte() == 0x1f && probe.ReadByte() == 0x8b))
            {
                return path;
            }
        }

        string digest;
        using (var file = File.OpenRead(path))
        {
            digest = Convert.ToHexStringLower(SHA256.HashData(file));
        }

        var folder = Path.Combine(cacheDirectory, "idx-raw");
        var copy = Path.Combine(folder, digest + ".idx");
        if (File.Exists(copy))
        {
            return copy;
        }

        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $"{digest}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = File.OpenRead(path))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            using (var output = File.Create(partial))
            {
                gzip.CopyToAsync(output, cancel).GetAwaiter().GetResult();
            }

            File.Move(partial, copy, overwrite: true);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"'{path}' is not a valid gzip file: {e.Message}", e);
        }
        finally
        {
            File.Delete(partial);
        }

        return copy;
    }
}
