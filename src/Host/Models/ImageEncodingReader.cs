using System.Globalization;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.ImageFolder;
using SkiaSharp;

namespace Crucible.Host.Models;

/// <summary>
/// Reads an image file for a model trained on image files, as its dataset read a test image (the
/// recorded <see cref="ImageEncoding"/>), with the image folder's own code (<see cref="ImagePixels"/>):
/// decoded by SkiaSharp (PNG or JPEG) to 8-bit RGBA, resized with the recorded filter, cropped in the
/// middle, converted to gray or RGB. Answers raw pixel values (0-255), channels first; the model's
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
        if (channels is not (1 or 3))
        {
            throw new ModelInputException(ModelInput.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{name}: the model takes images of {channels} channels; an image folder's are gray (1) or RGB (3)."));
        }

        using var decoded = Decode(bytes, name);
        var (resizedHeight, resizedWidth) = ImagePixels.Resized(encoding.Resize, decoded.Height, decoded.Width);
        using var resized = ImagePixels.Resize(decoded, resizedHeight, resizedWidth, problem => new ModelInputException(ModelInput.BadRequest, $"{name}: {problem}"));
        var image = resized ?? decoded;
        if (encoding.Crop is null ? resizedHeight != height || resizedWidth != width : resizedHeight < height || resizedWidth < width)
        {
            throw new ModelInputException(ModelInput.InvalidParameterValue, string.Create(
                CultureInfo.InvariantCulture,
                $"{name} is {resizedWidth}x{resizedHeight} (width x height) after the model's resize{Describe(encoding.Resize)}, but the model takes {width}x{height}{(encoding.Crop is null ? string.Empty : " (a crop of it)")}."));
        }

        var top = (resizedHeight - height) / 2;
        var left = (resizedWidth - width) / 2;
        var pixels = new float[channels * height * width];
        Span<float> scale = [1f, 1f, 1f];
        Span<float> shift = [0f, 0f, 0f];
        ImagePixels.Read(image, top, left, height, width, scale[..channels], shift[..channels], pixels);
        return Array.ConvertAll(pixels, p => (double)p);
    }

    private static SKBitmap Decode(byte[] bytes, string name)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ModelInputException(ModelInput.BadRequest, $"{name}: {(bytes.Length == 0 ? "empty, " : string.Empty)}not a PNG or JPEG image.");
        if (!ImagePixels.IsReadable(codec))
        {
            throw new ModelInputException(ModelInput.BadRequest, $"{name}: a {codec.EncodedFormat} image; the model reads PNG and JPEG files, as its image folder did.");
        }

        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w < 1 || h < 1 || (long)w * h * 4 > ImageFile.MaxPixelBytes)
        {
            throw new ModelInputException(ModelInput.BadRequest, string.Create(CultureInfo.InvariantCulture, $"{name}: an image of {w}x{h} pixels cannot be read (at most {ImageFile.MaxPixelBytes / (1024 * 1024)} MiB of pixels)."));
        }

        return ImagePixels.Decode(codec, out var result) ?? throw new ModelInputException(ModelInput.BadRequest, result == SKCodecResult.IncompleteInput
            ? $"{name}: truncated; its data ends before the last row of its {w}x{h} pixels."
            : $"{name}: could not be decoded ({result}).");
    }

    private static string Describe(IReadOnlyList<int>? resize) =>
        resize is null ? " (none)" : $" [{string.Join(", ", resize)}]";
}
