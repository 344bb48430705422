using SkiaSharp;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// How an image file becomes pixel values, the one implementation of it: an image folder reads its
/// images this way (<c>ImageTransform</c>), and a model trained on one reads its inputs this
/// way (the host compiles this file too, for its <c>ImageEncodingReader</c>), so that both get the
/// same numbers. Decoded by SkiaSharp (PNG or JPEG) to 8-bit RGBA, resized with Mitchell's bicubic
/// filter, a window of it read channels first as gray (ITU-R 601 luma in fixed point, PIL's
/// <c>convert("L")</c>) or RGB. Each caller words its own errors: the codec's result is returned.
/// </summary>
internal static class ImagePixels
{
    private static readonly SKSamplingOptions Mitchell = new(SKCubicResampler.Mitchell);

    /// <summary>True for the formats read: PNG and JPEG.</summary>
    public static bool IsReadable(SKCodec codec) => codec.EncodedFormat is SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg;

    /// <summary>
    /// The codec's image as 8-bit unpremultiplied RGBA; null when it cannot be decoded, with the
    /// codec's <paramref name="result"/> (<see cref="SKCodecResult.IncompleteInput"/> for a truncated file).
    /// </summary>
    public static SKBitmap? Decode(SKCodec codec, out SKCodecResult result)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    /// <summary>
    /// The size after a resize: <c>[height, width]</c>, or <c>[size]</c>, which scales the shorter
    /// side to it and the longer in proportion, truncated (torchvision's <c>Resize(int)</c>); none keeps it.
    /// </summary>
    public static (int Height, int Width) Resized(IReadOnlyList<int>? resize, int height, int width)
    {
        if (resize is null || resize.Count == 0)
        {
            return (height, width);
        }

        if (resize.Count == 2)
        {
            return (resize[0], resize[1]);
        }

        var size = resize[0];
        return height <= width
            ? (size, (int)((long)size * width / height))
            : ((int)((long)size * height / width), size);
    }

    /// <summary>
    /// <paramref name="image"/> resized to <paramref name="height"/> x <paramref name="width"/>; null
    /// when it has that size already. Throws what <paramref name="failed"/> makes when SkiaSharp cannot.
    /// </summary>
    public static SKBitmap? Resize(SKBitmap image, int height, int width, Func<string, Exception> failed)
    {
        if (height == image.Height && width == image.Width)
        {
            return null;
        }

        return image.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), Mitchell)
            ?? throw failed($"SkiaSharp could not resize the image from {image.Width}x{image.Height} to {width}x{height}.");
    }

    /// <summary>
    /// Writes the <paramref name="height"/> x <paramref name="width"/> window of <paramref name="image"/>
    /// at (<paramref name="top"/>, <paramref name="left"/>) into <paramref name="destination"/>, channels
    /// first (one channel: gray; three: RGB), each value <c>pixel * scale[c] + shift[c]</c> (pixel 0-255).
    /// </summary>
    public static void Read(SKBitmap image, int top, int left, int height, int width, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> destination)
    {
        var channels = scale.Length;
        var pixels = image.GetPixelSpan();
        var stride = image.RowBytes;
        var plane = height * width;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(((top + y) * stride) + (left * 4), width * 4);
            var at = y * width;
            for (var x = 0; x < width; x++)
            {
                int r = row[x * 4], g = row[(x * 4) + 1], b = row[(x * 4) + 2];
                if (channels == 1)
                {
                    // PIL's convert("L"): L = R 299/1000 + G 587/1000 + B 114/1000, rounded, in fixed point.
                    var luma = ((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16;
                    destination[at + x] = (luma * scale[0]) + shift[0];
                }
                else
                {
                    destination[at + x] = (r * scale[0]) + shift[0];
                    destination[plane + at + x] = (g * scale[1]) + shift[1];
                    destination[(2 * plane) + at + x] = (b * scale[2]) + shift[2];
                }
            }
        }
    }
}
