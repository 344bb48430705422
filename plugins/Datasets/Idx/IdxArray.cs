using System.Buffers.Binary;
using System.IO.Compression;
using Crucible.Abstractions;

namespace Crucible.Plugins.Datasets.Idx;

/// <summary>
/// An unsigned-byte IDX array (LeCun's MNIST format): a big-endian magic <c>0x0000 08 NN</c>
/// (type ubyte, NN dimensions), NN big-endian 32-bit sizes, then the bytes row-major.
/// </summary>
/// <param name="Dimensions">The sizes, e.g. [60000, 28, 28].</param>
/// <param name="Data">The elements.</param>
internal sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Reads a file, gzip-compressed (detected from its first two bytes) or raw.</summary>
    public static IdxArray ReadFile(string path)
    {
        if (DataFiles.Problem(path) is { } problem)
        {
            throw new DatasetException($"The IDX file '{path}' {problem}.");
        }

        using var file = File.OpenRead(path);
        var gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new CrucibleException($"'{path}' is not a valid IDX file: {e.Message}", e);
        }
    }

    /// <summary>Reads an IDX array from <paramref name="stream"/>.</summary>
    public static IdxArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> word = stackalloc byte[4];
        stream.ReadExactly(word);
        if (word[0] != 0 || word[1] != 0)
        {
            throw new InvalidDataException($"bad magic {Convert.ToHexString(word)} (expected 0000 08 NN).");
        }

        if (word[2] != UnsignedByte)
        {
            throw new InvalidDataException($"element type 0x{word[2]:X2} is not supported (only 0x08, unsigned byte).");
        }

        var rank = word[3];
        if (rank == 0)
        {
            throw new InvalidDataException("the array has no dimensions.");
        }

        var dims = new int[rank];
        long total = 1;
        for (var i = 0; i < rank; i++)
        {
            stream.ReadExactly(word);
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] < 0)
            {
                throw new InvalidDataException($"dimension {i} is negative ({dims[i]}).");
            }

            total *= dims[i];
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidDataException($"{total} elements do not fit in memory as one array.");
        }

        var data = new byte[total];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"the file ends before its {total} elements.", e);
        }

        return new IdxArray(dims, data);
    }

    /// <summary>Writes the array as IDX (tests and tools that make small IDX files).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> word = stackalloc byte[4];
        word[0] = 0;
        word[1] = 0;
        word[2] = UnsignedByte;
        word[3] = (byte)Dimensions.Length;
        stream.Write(word);
        foreach (var d in Dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            stream.Write(word);
        }

        stream.Write(Data);
    }
}
