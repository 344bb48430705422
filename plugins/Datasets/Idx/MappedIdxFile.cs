using System.Buffers.Binary;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using Crucible.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// An uncompressed unsigned-byte IDX file mapped into memory, read item by item without loading it:
/// the operating system pages in what is read and may drop it again. Reads are thread-safe.
/// </summary>
internal sealed unsafe class MappedIdxFile : IDisposable
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly SafeMemoryMappedViewHandle handle;
    private readonly byte* start;
    private readonly long dataOffset;

    private MappedIdxFile(string path, string shownPath, int[] dimensions, long dataOffset, long length)
    {
        Path = shownPath;
        Dimensions = dimensions;
        this.dataOffset = dataOffset;
        ItemSize = 1;
        foreach (var d in dimensions.AsSpan(1))
        {
            ItemSize *= d;
        }

        map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        handle = view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        handle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
    }

    /// <summary>The file named in messages (the original, not the cached copy).</summary>
    public string Path { get; }

    /// <summary>The sizes, e.g. [60000, 28, 28].</summary>
    public int[] Dimensions { get; }

    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item (28 x 28 for an MNIST image, 1 for a label).</summary>
    public long ItemSize { get; }

    /// <summary>
    /// Maps <paramref name="path"/> (uncompressed IDX); <paramref name="shownPath"/> is the file
    /// messages name. A file shorter than its header promises is refused naming the first item it cuts.
    /// </summary>
    public static MappedIdxFile Open(string path, string shownPath)
    {
        var length = new FileInfo(path).Length;
        Span<byte> word = stackalloc byte[4];
        int[] dims;
        using (var file = File.OpenRead(path))
        {
            if (file.Read(word) < 4 || word[0] != 0 || word[1] != 0)
            {
                throw new DatasetException($"'{shownPath}' is not a valid IDX file: bad magic (expected 0000 08 NN).");
            }

            if (word[2] != 0x08 || word[3] == 0)
            {
                throw new DatasetException($"'{shownPath}' is not a valid IDX file: element type 0x{word[2]:X2} with {word[3]} dimensions (only unsigned bytes are supported).");
            }

            dims = new int[word[3]];
            for (var i = 0; i < dims.Length; i++)
            {
                if (file.Read(word) < 4)
                {
                    throw new DatasetException($"'{shownPath}' is truncated inside its header.");
                }

                dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
                if (dims[i] < 0)
                {
                    throw new DatasetException($"'{shownPath}' is not a valid IDX file: dimension {i} is negative ({dims[i]}).");
                }
            }
        }

        var offset = 4 + (4L * dims.Length);
        long itemSize = 1;
        foreach (var d in dims.AsSpan(1))
        {
            itemSize *= d;
        }

        var expected = offset + (dims[0] * itemSize);
        if (length < expected)
        {
            var complete = itemSize == 0 ? 0 : (length - offset) / itemSize;
            throw new DatasetException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{shownPath}' is short: its header promises {dims[0]} items of {itemSize} bytes, but it holds {Math.Max(0, length - offset)} bytes of data; sample {complete} is the first one cut."));
        }

        return new MappedIdxFile(path, shownPath, dims, offset, Math.Max(1, expected));
    }

    /// <summary>The bytes of item <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Item(long index)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new DatasetException(string.Create(CultureInfo.InvariantCulture, $"'{Path}' has {Count} items; sample {index} is past its end."));
        }

        return new ReadOnlySpan<byte>(start + dataOffset + (index * ItemSize), (int)ItemSize);
    }

    public void Dispose()
    {
        handle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }
}
