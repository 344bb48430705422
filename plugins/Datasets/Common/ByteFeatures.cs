using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Crucible.Torch;

namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// 8-bit features (IDX images) kept as the file's bytes until they become a tensor: byte <c>b</c>
/// stands for the float <c>Values[b]</c> (the normalized pixel). The float32 tensor is written chunk by
/// chunk from the bytes, so a dataset is never held as a managed float array besides its tensor
/// (MNIST's training images: 47 MB of bytes instead of 188 MB of floats next to the 188 MB tensor).
/// </summary>
internal sealed class ByteFeatures
{
    private const int ChunkValues = 1 << 20;

    public ByteFeatures(ReadOnlyMemory<byte> codes, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != 256)
        {
            throw new ArgumentException($"A byte stands for one of 256 values, but {values.Length} were given.", nameof(values));
        }

        Codes = codes;
        Values = values;
    }

    /// <summary>The bytes, sample after sample, row-major.</summary>
    public ReadOnlyMemory<byte> Codes { get; }

    /// <summary>The float each byte value stands for.</summary>
    public float[] Values { get; }

    /// <summary>The float each byte value stands for: <c>(b - offset) / scale</c> computed in double, as a float array of them would be.</summary>
    public static float[] Table(double offset, double scale)
    {
        var values = new float[256];
        for (var b = 0; b < values.Length; b++)
        {
            values[b] = (float)((b - offset) / scale);
        }

        return values;
    }

    /// <summary>
    /// The features as a float32 tensor of <paramref name="shape"/> on <paramref name="device"/>,
    /// appending its bytes to <paramref name="hash"/> (the same bytes a float array of them would hash).
    /// </summary>
    public Tensor ToTensor(long[] shape, Device device, IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var result = torch.Empty(shape, ScalarType.Float32, device);
        try
        {
            using var flat = result.Flatten();
            var codes = Codes.Span;
            var buffer = new float[Math.Min(ChunkValues, Math.Max(codes.Length, 1))];
            for (var start = 0; start < codes.Length; start += buffer.Length)
            {
                var length = Math.Min(buffer.Length, codes.Length - start);
                var chunk = buffer.AsSpan(0, length);
                var bytes = codes.Slice(start, length);
                for (var i = 0; i < length; i++)
                {
                    chunk[i] = Values[bytes[i]];
                }

                hash.AppendData(MemoryMarshal.AsBytes(chunk));
                using var part = torch.Tensor<float>(chunk, [length], device);
                using var target = flat.Narrow(0, start, length);
                target.Copy_(part);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
