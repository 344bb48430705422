using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// The digest of an IDX dataset computed in one streaming pass, a block of samples at a time: the
/// SHA-256 of exactly the bytes the in-memory mode hashes (each split's normalized float32 pixels,
/// then its int64 labels), so both modes record the same lineage for the same data.
/// </summary>
internal static class StreamingDigest
{
    private const int Block = 1024;

    public static string Of(IReadOnlyList<(MappedIdxFile Images, MappedIdxFile Labels, int Count)> splits, double offset, double scale)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (images, labels, count) in splits)
        {
            var size = (int)images.ItemSize;
            var values = new float[Block * size];
            for (var start = 0; start < count; start += Block)
            {
                var n = Math.Min(Block, count - start);
                for (var i = 0; i < n; i++)
                {
                    var pixels = images.Item(start + i);
                    var row = values.AsSpan(i * size, size);
                    for (var p = 0; p < size; p++)
                    {
                        row[p] = (float)((pixels[p] - offset) / scale);
                    }
                }

                hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan(0, n * size)));
            }

            var y = new long[Block];
            for (var start = 0; start < count; start += Block)
            {
                var n = Math.Min(Block, count - start);
                for (var i = 0; i < n; i++)
                {
                    y[i] = labels.Item(start + i)[0];
                }

                hash.AppendData(MemoryMarshal.AsBytes(y.AsSpan(0, n)));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
