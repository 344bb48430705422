using System.Buffers.Binary;
using System.IO.Compression;

namespace Crucible.Host.Models;

/// <summary>
/// Reads an image file for an image model as raw pixel values (0-255), channels first. A model trained
/// on image files reads them as its dataset did (<see cref="ImageEncodingReader"/>: PNG or JPEG, its
/// resize and crop); another image model (trained on pixel arrays such as MNIST's) reads 8-bit PNG
/// (grayscale, RGB, with or without alpha; not interlaced) and binary or ASCII PGM: colour becomes gray
/// for a one-channel model, a different size is resampled to the model's (nearest neighbour).
/// </summary>
internal static class ImageFile
{
    public static readonly string[] Extensions = [".png", ".pgm", ".jpg", ".jpeg"];

    /// <summary>The largest decoded image taken, in bytes of pixels.</summary>
    public const long MaxPixelBytes = 64L * 1024 * 1024;

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>The pixels of <paramref name="path"/> as <c>[channels, height, width]</c> in the model's shape.</summary>
    public static double[] Read(string path, ModelPreprocessing model) => Decode(File.ReadAllBytes(path), path, model);

    /// <summary>
    /// The pixels of an image file's bytes (<paramref name="name"/> says where they came from in
    /// messages) as <c>[channels, height, width]</c> in the model's shape, read as the model's data was.
    /// </summary>
    public static double[] Decode(byte[] bytes, string name, ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Image is { } encoding && model.IsImage
            ? ImageEncodingReader.Read(bytes, name, encoding, model.FeatureShape)
            : Decode(bytes, name, model.FeatureShape);
    }

    /// <summary>
    /// The pixels of an image file's bytes (<paramref name="name"/> says where they came from in
    /// messages) as <c>[channels, height, width]</c> in the model's shape.
    /// </summary>
    public static double[] Decode(byte[] bytes, string name, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(shape);
        var path = name;
        if (shape.Count != 3)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: the model does not take images (its input shape is [{string.Join(", ", shape)}]).");
        }

        int width, height, channels;
        byte[] pixels;
        try
        {
            (width, height, channels, pixels) = bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' ? DecodePng(bytes, path) : DecodePgm(bytes, path);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidDataException or EndOfStreamException or OverflowException or FormatException)
        {
            // Bytes from a request are anyone's: a broken file is bad input, never a crash.
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: not a readable PNG or PGM image ({e.GetType().Name}: {e.Message}).");
        }

        var (c, h, w) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        var result = new double[c * h * w];
        for (var y = 0; y < h; y++)
        {
            var sy = (int)((long)y * height / h);
            for (var x = 0; x < w; x++)
            {
                var sx = (int)((long)x * width / w);
                var at = ((sy * width) + sx) * channels;
                var color = channels >= 3 ? 3 : 1;
                for (var k = 0; k < c; k++)
                {
                    result[(k * h * w) + (y * w) + x] = c == 1 && color == 3
                        ? Math.Round((0.299 * pixels[at]) + (0.587 * pixels[at + 1]) + (0.114 * pixels[at + 2]))
                        : pixels[at + Math.Min(k, color - 1)];
                }
            }
        }

        return result;
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) DecodePgm(byte[] bytes, string path)
    {
        var position = 0;
        string Token()
        {
            while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
            {
                if (bytes[position] == '#')
                {
                    while (position < bytes.Length && bytes[position] != '\n')
                    {
                        position++;
                    }
                }

                position++;
            }

            var start = position;
            while (position < bytes.Length && !char.IsWhiteSpace((char)bytes[position]))
            {
                position++;
            }

            return System.Text.Encoding.ASCII.GetString(bytes, start, position - start);
        }

        var magic = Token();
        if (magic is not ("P5" or "P2"))
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: not a PNG or PGM image.");
        }

        if (!int.TryParse(Token(), out var width) || !int.TryParse(Token(), out var height) || !int.TryParse(Token(), out var max) || max is < 1 or > 255)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: a malformed PGM header (only 8-bit PGM is read).");
        }

        CheckSize(width, height, 1, path);
        var pixels = new byte[width * height];
        if (magic == "P5")
        {
            position++;
            if (bytes.Length - position < pixels.Length)
            {
                throw new ModelInputException(ModelInput.BadRequest, $"{path}: the PGM file is truncated.");
            }

            Array.Copy(bytes, position, pixels, 0, pixels.Length);
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (max != 255)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)Math.Round(pixels[i] * 255.0 / max);
            }
        }

        return (width, height, 1, pixels);
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) DecodePng(byte[] bytes, string path)
    {
        var position = 8;
        int width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        while (position + 8 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            var type = System.Text.Encoding.ASCII.GetString(bytes, position + 4, 4);
            var data = bytes.AsSpan(position + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var depth = data[8];
                colorType = data[9];
                if (depth != 8 || data[12] != 0 || colorType is not (0 or 2 or 4 or 6))
                {
                    throw new ModelInputException(ModelInput.BadRequest, $"{path}: only 8-bit, non-interlaced grayscale or RGB(A) PNG images are read.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            position += 12 + length;
        }

        if (colorType < 0)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: the PNG file has no IHDR chunk.");
        }

        var channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
        CheckSize(width, height, channels, path);
        var stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.ReadExactly(raw);
        }

        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var output = pixels.AsSpan(y * stride, stride);
            var previous = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? output[i - channels] : 0;
                int b = y > 0 ? previous[i] : 0;
                int c = y > 0 && i >= channels ? previous[i - channels] : 0;
                output[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new ModelInputException(ModelInput.BadRequest, $"{path}: a PNG row has the unknown filter {filter}."),
                });
            }
        }

        // Gray+alpha keeps gray first, RGBA keeps RGB first: the reader takes channel 0 (and 1, 2).
        return (width, height, channels, pixels);
    }

    /// <summary>Refuses an empty image and one larger than <see cref="MaxPixelBytes"/> decoded (a small compressed file can claim gigabytes).</summary>
    private static void CheckSize(int width, int height, int channels, string path)
    {
        if (width < 1 || height < 1 || (long)width * height * channels > MaxPixelBytes)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{path}: an image of {width}x{height} pixels cannot be read (at most {MaxPixelBytes / (1024 * 1024)} MiB of pixels).");
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
