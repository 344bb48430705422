using System.Globalization;
using Crucible.Abstractions;
using SkiaSharp;

namespace Crucible.Host.Models;

/// <summary>
/// Reads an image file for a model trained on image files, as its dataset read a test image (the
/// recorded <see cref="ImageEncoding"/>): decoded by SkiaSharp (PNG or JPEG) to 8-bit RGBA, resized with
/// the recorded filter, cropped in the middle, converted to gray (ITU-R 601 luma in fixed point, PIL's
/// <c>convert("L")</c>) or RGB. Answers raw pixel values (0-255), channels first; the model's
/// preprocessing then normalizes them.
/// </summary>
internal static class ImageEncodingReader
{
    public static double[] Read(byte[] bytes, string name, ImageEncoding encoding, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(shape);
        if (encoding.Resampling != ImageEncoding.Mitchell)
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{name}: the model's images were resized with '{encoding.Resampling}', which this version of Crucible does not know (it knows '{ImageEncoding.Mitchell}').");
        }

        var (channels, height, width) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        using var decoded = Decode(bytes, name);
        var (resizedHeight, resizedWidth) = Resized(encoding.Resize, decoded.Height, decoded.Width);
        using var resized = resizedHeight == decoded.Height && resizedWidth == decoded.Width
            ? null
            : decoded.Resize(new SKImageInfo(resizedWidth, resizedHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null && (resizedHeight != decoded.Height || resizedWidth != decoded.Width))
        {
            throw new ModelInputException(ModelInput.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{name}: SkiaSharp could not resize the image from {decoded.Width}x{decoded.Height} to {resizedWidth}x{resizedHeight}."));
        }

        var image = resized ?? decoded;
        if (encoding.Crop is null ? resizedHeight != height || resizedWidth != width : resizedHeight < height || resizedWidth < width)
        {
            throw new ModelInputException(ModelInput.InvalidParameterValue, string.Create(
                CultureInfo.InvariantCulture,
                $"{name} is {resizedWidth}x{resizedHeight} (width x height) after the model's resize{Describe(encoding.Resize)}, but the model takes {width}x{height}{(encoding.Crop is null ? string.Empty : " (a crop of it)")}."));
        }

        var top = (resizedHeight - height) / 2;
        var left = (resizedWidth - width) / 2;
        var pixels = image.GetPixelSpan();
        var stride = image.RowBytes;
        var plane = height * width;
        var result = new double[channels * plane];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(((top + y) * stride) + (left * 4), width * 4);
            for (var x = 0; x < width; x++)
            {
                int r = row[x * 4], g = row[(x * 4) + 1], b = row[(x * 4) + 2];
                var at = (y * width) + x;
                if (channels == 1)
                {
                    result[at] = ((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16;
                }
                else
                {
                    result[at] = r;
                    result[plane + at] = g;
                    result[(2 * plane) + at] = b;
                }
            }
        }

        return result;
    }

    private static SKBitmap Decode(byte[] bytes, string name)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ModelInputException(ModelInput.BadRequest, $"{name}: {(bytes.Length == 0 ? "empty, " : string.Empty)}not a PNG or JPEG image.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{name}: a {codec.EncodedFormat} image; the model reads PNG and JPEG files, as its image folder did.");
        }

        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w < 1 || h < 1 || (long)w * h * 4 > ImageFile.MaxPixelBytes)
        {
            throw new ModelInputException(ModelInput.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{name}: an image of {w}x{h} pixels cannot be read (at most {ImageFile.MaxPixelBytes / (1024 * 1024)} MiB of pixels)."));
        }

        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ModelInputException(ModelInput.BadRequest, result == SKCodecResult.IncompleteInput
                ? $"{name}: truncated; its data ends before the last row of its {w}x{h} pixels."
                : $"{name}: could not be decoded ({result}).");
        }

        return bitmap;
    }

    /// <summary>The size after the dataset's resize: [height, width], or the shorter side scaled to [size] (torchvision's <c>Resize(int)</c>, the longer truncated).</summary>
    private static (int Height, int Width) Resized(IReadOnlyList<int>? resize, int height, int width)
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

    private static string Describe(IReadOnlyList<int>? resize) =>
        resize is null ? " (none)" : $" [{string.Join(", ", resize)}]";
}
