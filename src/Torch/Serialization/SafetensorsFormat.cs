using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Crucible.Torch.Interop;

namespace Crucible.Torch.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte
/// little-endian header length, a UTF-8 JSON header mapping each name to its dtype, shape and
/// [begin, end) byte range (plus an optional string-to-string <c>__metadata__</c>), then the
/// raw little-endian bytes of every tensor. Files written here are read by the Python
/// <c>safetensors</c> package and vice versa.
/// </summary>
internal static class SafetensorsFormat
{
    private const string MetadataKey = "__metadata__";

    // Headers larger than this are refused: a corrupt length must not make us allocate gigabytes.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    public static unsafe void Write(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureLittleEndian();

        // Like the Python writer: largest elements first, then by name, so every tensor starts at an
        // offset aligned to its element size once the header is padded to 8 bytes.
        var entries = tensors
            .Select(kv => (Name: kv.Key, Tensor: kv.Value ?? throw new ArgumentException($"Tensor '{kv.Key}' is null.", nameof(tensors))))
            .Select(e => (e.Name, e.Tensor, DType: e.Tensor.DType, Shape: e.Tensor.Shape))
            .OrderByDescending(e => e.DType.ElementSize())
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();

        var header = new MemoryStream();
        long offset = 0;
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            foreach (var e in entries)
            {
                if (e.Name == MetadataKey)
                {
                    throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
                }

                var bytes = NumBytes(e.Shape, e.DType);
                json.WriteStartObject(e.Name);
                json.WriteString("dtype", Code(e.DType));
                json.WriteStartArray("shape");
                foreach (var d in e.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        // Write beside the target and move into place, so a crash never leaves a torn checkpoint.
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                file.Write(length);
                header.Position = 0;
                header.CopyTo(file);
                foreach (var e in entries)
                {
                    var bytes = NumBytes(e.Shape, e.DType);
                    if (bytes == 0)
                    {
                        continue;
                    }

                    var buffer = new byte[bytes];
                    fixed (byte* p = buffer)
                    {
                        NativeMethods.Check(NativeMethods.crc_tensor_copy_to(e.Tensor.Handle, p, bytes / e.DType.ElementSize()));
                    }

                    file.Write(buffer);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static unsafe TensorDictionary Read(string path, Device device)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureLittleEndian();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var fileLength = file.Length;
        Span<byte> lengthBytes = stackalloc byte[8];
        if (fileLength < 8 || file.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) != 8)
        {
            throw Invalid(path, "it is shorter than the 8-byte header length");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, fileLength - 8))
        {
            throw Invalid(path, $"the header length {headerLength} does not fit the file ({fileLength} bytes)");
        }

        var headerBytes = new byte[headerLength];
        file.ReadExactly(headerBytes);
        var dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;

        var specs = new List<(string Name, ScalarType DType, long[] Shape, long Begin, long End)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(headerBytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "the header is not a JSON object");
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    foreach (var m in property.Value.EnumerateObject())
                    {
                        metadata[m.Name] = m.Value.GetString() ?? throw Invalid(path, $"metadata '{m.Name}' is not a string");
                    }

                    continue;
                }

                var spec = property.Value;
                var dtype = FromCode(spec.GetProperty("dtype").GetString(), path, property.Name);
                var shape = spec.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = spec.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                {
                    throw Invalid(path, $"tensor '{property.Name}' has data_offsets [{string.Join(", ", offsets)}] outside the {dataLength}-byte data section");
                }

                if (shape.Any(d => d < 0) || NumBytes(shape, dtype) != offsets[1] - offsets[0])
                {
                    throw Invalid(path, $"tensor '{property.Name}' of {dtype.ToPyTorchName()} [{string.Join(", ", shape)}] does not fill its {offsets[1] - offsets[0]} bytes");
                }

                specs.Add((property.Name, dtype, shape, offsets[0], offsets[1]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid(path, "the header is not valid safetensors JSON: " + e.Message);
        }

        var result = new TensorDictionary(metadata);
        try
        {
            byte[] buffer = [];
            foreach (var s in specs.OrderBy(s => s.Begin))
            {
                var bytes = checked((int)(s.End - s.Begin));
                if (buffer.Length < bytes)
                {
                    buffer = new byte[bytes];
                }

                file.Position = dataStart + s.Begin;
                file.ReadExactly(buffer, 0, bytes);
                fixed (byte* p = buffer)
                fixed (long* shape = s.Shape)
                {
                    var tensor = new Tensor(NativeMethods.crc_tensor_from_data(p, (int)s.DType, shape, s.Shape.Length, (int)device.Type, device.Index, 0));
                    result.Add(s.Name, tensor.DetachFromDisposeScope());
                }
            }

            result.Order(specs.Select(s => s.Name));
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static long NumBytes(long[] shape, ScalarType dtype)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n = checked(n * d);
        }

        return checked(n * dtype.ElementSize());
    }

    private static string Code(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"dtype {dtype} cannot be stored in safetensors."),
    };

    private static ScalarType FromCode(string? code, string path, string name) => code switch
    {
        "F64" => ScalarType.Float64,
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "U8" => ScalarType.UInt8,
        "BOOL" => ScalarType.Bool,
        _ => throw Invalid(path, $"tensor '{name}' has dtype '{code}', which Crucible does not support (F64, F32, F16, BF16, I64, I32, U8, BOOL)"),
    };

    private static InvalidDataException Invalid(string path, string what) =>
        new($"'{path}' is not a valid safetensors file: {what}.");

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors I/O is implemented for little-endian machines only.");
        }
    }
}
