using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Crucible.Torch.Optim;

/// <summary>
/// Reads and writes a <see cref="StateDict"/> as a safetensors file: an 8-byte little-endian header
/// length, a JSON header (dtype, shape and byte range of each tensor, plus <c>__metadata__</c>), then
/// the raw little-endian tensor bytes. Numbers are stored in the metadata with round-trip formatting,
/// so a restored optimizer continues bit-identically.
/// </summary>
internal static class StateDictFile
{
    private const string ValuePrefix = "value:";

    public static void Write(string path, StateDict state)
    {
        var blobs = new List<(string Name, string DType, long[] Shape, byte[] Data)>();
        foreach (var (name, tensor) in state.Tensors)
        {
            blobs.Add((name, SafetensorsDType(tensor.DType), tensor.Shape, Bytes(tensor)));
        }

        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "crucible-state-dict");
            foreach (var (name, value) in state.Values)
            {
                json.WriteString(ValuePrefix + name, value.ToString("R", CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, dtype, shape, data) in blobs)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (var d in shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + data.LongLength);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += data.LongLength;
            }

            json.WriteEndObject();
        }

        // The format pads the header with spaces to a multiple of 8 bytes.
        var headerBytes = header.ToArray();
        var padded = (headerBytes.Length + 7) / 8 * 8;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var file = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        file.Write(length);
        file.Write(headerBytes);
        for (var i = headerBytes.Length; i < padded; i++)
        {
            file.WriteByte((byte)' ');
        }

        foreach (var blob in blobs)
        {
            file.Write(blob.Data);
        }
    }

    public static StateDict Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"{path} is not a safetensors file: it is shorter than its 8-byte header length.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new InvalidDataException($"{path} is not a safetensors file: its header length {headerLength} exceeds the file.");
        }

        var dataStart = 8 + (int)headerLength;
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var result = new StateDict();
        try
        {
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var meta in entry.Value.EnumerateObject())
                    {
                        if (meta.Name.StartsWith(ValuePrefix, StringComparison.Ordinal))
                        {
                            result.Values[meta.Name[ValuePrefix.Length..]] = double.Parse(meta.Value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
                        }
                    }

                    continue;
                }

                var dtype = entry.Value.GetProperty("dtype").GetString()!;
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var data = bytes.AsSpan(dataStart + (int)offsets[0], (int)(offsets[1] - offsets[0]));
                result.Tensors[entry.Name] = FromBytes(dtype, shape, data, path, entry.Name).DetachFromDisposeScope();
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    private static string SafetensorsDType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"Saving {type} tensors is not supported."),
    };

    private static byte[] Bytes(Tensor tensor) => tensor.DType switch
    {
        ScalarType.Float32 => MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()).ToArray(),
        ScalarType.Float64 => MemoryMarshal.AsBytes(tensor.ToArray<double>().AsSpan()).ToArray(),
        ScalarType.Float16 => MemoryMarshal.AsBytes(tensor.ToArray<Half>().AsSpan()).ToArray(),
        ScalarType.Int64 => MemoryMarshal.AsBytes(tensor.ToArray<long>().AsSpan()).ToArray(),
        ScalarType.Int32 => MemoryMarshal.AsBytes(tensor.ToArray<int>().AsSpan()).ToArray(),
        ScalarType.UInt8 => tensor.ToArray<byte>(),
        ScalarType.Bool => MemoryMarshal.AsBytes(tensor.ToArray<bool>().AsSpan()).ToArray(),
        ScalarType.BFloat16 => BFloat16Bytes(tensor),
        _ => throw new NotSupportedException($"Saving {tensor.DType} tensors is not supported."),
    };

    private static byte[] BFloat16Bytes(Tensor tensor)
    {
        // No CLR bfloat16: widen to float32 and keep the upper halves, which is exact.
        using var wide = tensor.To(ScalarType.Float32);
        var floats = wide.ToArray<float>();
        var result = new byte[floats.Length * 2];
        for (var i = 0; i < floats.Length; i++)
        {
            var bits = BitConverter.SingleToUInt32Bits(floats[i]);
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(i * 2), (ushort)(bits >> 16));
        }

        return result;
    }

    private static Tensor FromBytes(string dtype, long[] shape, ReadOnlySpan<byte> data, string path, string name)
    {
        switch (dtype)
        {
            case "F32": return torch.Tensor(MemoryMarshal.Cast<byte, float>(data), shape);
            case "F64": return torch.Tensor(MemoryMarshal.Cast<byte, double>(data), shape);
            case "F16": return torch.Tensor(MemoryMarshal.Cast<byte, Half>(data), shape);
            case "I64": return torch.Tensor(MemoryMarshal.Cast<byte, long>(data), shape);
            case "I32": return torch.Tensor(MemoryMarshal.Cast<byte, int>(data), shape);
            case "U8": return torch.Tensor(data, shape);
            case "BOOL": return torch.Tensor(MemoryMarshal.Cast<byte, bool>(data), shape);
            case "BF16":
                var floats = new float[data.Length / 2];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]) << 16);
                }

                using (var wide = torch.Tensor(floats, shape))
                {
                    return wide.To(ScalarType.BFloat16);
                }

            default:
                throw new InvalidDataException($"{path}: tensor '{name}' has dtype {dtype}, which Crucible cannot read.");
        }
    }
}
