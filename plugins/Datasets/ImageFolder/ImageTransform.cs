using System.Globalization;
using Crucible.Abstractions;
using SkiaSharp;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// Reads one image file into features <c>[channels, height, width]</c>: decoded with SkiaSharp (PNG,
/// JPEG), converted to gray or RGB, resized (Mitchell bicubic), cropped (<see cref="ImagePixels"/>), then
/// <c>(pixel / 255 - mean[c]) / std[c]</c> per channel. Thread-safe: every call decodes into its own buffers.
/// </summary>
internal sealed class ImageTransform
{
    private readonly int[]? resize;
    private readonly bool cropping;
    private readonly double[] mean;
    private readonly double[] std;

    public ImageTransform(ImageFolderDatasetOptions options, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(options);
        Channels = options.Channels;
        resize = options.Resize;
        cropping = options.Crop is not null;
        Height = height;
        Width = width;
        mean = PerChannel(options.Mean, 0.0, Channels);
        std = PerChannel(options.Std, 1.0, Channels);
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>The number of feature values of one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>
    /// The scaling of raw pixel values (0-255) per channel that the features went through, as
    /// <c>(raw - 255 mean) / (255 std)</c>.
    /// </summary>
    public ColumnScaling Scaling => new(mean.Select(m => m * 255).ToArray(), std.Select(s => s * 255).ToArray());

    /// <summary>What a trained model needs to read an image file as <see cref="Read"/> reads a test image (centered crop).</summary>
    public ImageEncoding Encoding => new()
    {
        Channels = Channels,
        Resize = resize,
        Crop = cropping ? [Height, Width] : null,
        Resampling = ImageEncoding.Mitchell,
        Mean = mean,
        Std = std,
    };

    /// <summary>
    /// The feature size the options give every image, or null for a dimension that comes from the
    /// images themselves (no crop and no exact resize).
    /// </summary>
    public static (int Height, int Width)? FixedSize(ImageFolderDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Crop is { } crop ? Pair(crop)
            : options.Resize is { Length: 2 } resize ? (resize[0], resize[1])
            : null;
    }

    /// <summary>The size of the image at <paramref name="path"/> after resizing, without decoding its pixels.</summary>
    public static (int Height, int Width) SizeAfterResize(ImageFolderDatasetOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var codec = OpenCodec(path);
        return ImagePixels.Resized(options.Resize, codec.Info.Height, codec.Info.Width);
    }

    /// <summary>
    /// Decodes <paramref name="path"/> into <paramref name="destination"/> (<see cref="Size"/> values).
    /// A crop is centered unless <paramref name="random"/> is given, which then draws its position.
    /// </summary>
    public void Read(string path, Span<float> destination, Random? random)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values, an image needs {Size}.", nameof(destination));
        }

        using var decoded = Decode(path);
        var (height, width) = ImagePixels.Resized(resize, decoded.Height, decoded.Width);
        using var resized = ImagePixels.Resize(decoded, height, width, problem => new DatasetException($"'{path}': {problem}"));
        var image = resized ?? decoded;
        if (!cropping && (height != Height || width != Width))
        {
            throw new DatasetException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{path}' is {width}x{height} (width x height) after resizing, but the first training image is {Width}x{Height}; every image needs the same size: set resize to [height, width] or a crop."));
        }

        if (height < Height || width < Width)
        {
            throw new DatasetException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{path}' is {width}x{height} (width x height) after resizing, smaller than the crop ({Width}x{Height}): set resize or a smaller crop."));
        }

        if (Height == height && Width == width)
        {
            Convert(image, 0, 0, destination);
            return;
        }

#pragma warning disable CA5394 // Data augmentation, not security.
        var top = random is null ? (height - Height) / 2 : random.Next(height - Height + 1);
        var left = random is null ? (width - Width) / 2 : random.Next(width - Width + 1);
#pragma warning restore CA5394
        Convert(image, top, left, destination);
    }

    private static SKBitmap Decode(string path)
    {
        using var codec = OpenCodec(path);
        return ImagePixels.Decode(codec, out var result) ?? throw new DatasetException(result == SKCodecResult.IncompleteInput
            ? $"'{path}' is truncated: its {Kind(codec)} data ends before the last row of its {codec.Info.Width}x{codec.Info.Height} pixels."
            : $"'{path}' could not be decoded as {Kind(codec)}: {result}.");
    }

    private static SKCodec OpenCodec(string path)
    {
        DataFiles.EnsureRegularFile(path);
        var codec = SKCodec.Create(path, out var result);
        if (codec is null)
        {
            var length = new FileInfo(path).Length;
            throw new DatasetException(length == 0
                ? $"'{path}' is empty, not a PNG or JPEG image."
                : $"'{path}' is not a PNG or JPEG image SkiaSharp can read ({result}).");
        }

        if (!ImagePixels.IsReadable(codec))
        {
            var format = codec.EncodedFormat;
            codec.Dispose();
            throw new DatasetException($"'{path}' is a {format} image; an image folder reads PNG and JPEG files.");
        }

        return codec;
    }

    private static string Kind(SKCodec codec) => codec.EncodedFormat == SKEncodedImageFormat.Png ? "PNG" : "JPEG";

    private static (int, int) Pair(int[] size) => size.Length == 1 ? (size[0], size[0]) : (size[0], size[1]);

    private static double[] PerChannel(double[]? values, double fallback, int channels) =>
        values is null ? Enumerable.Repeat(fallback, channels).ToArray()
        : values.Length == 1 ? Enumerable.Repeat(values[0], channels).ToArray()
        : values;

    // (p / 255 - mean) / std as one multiply-add per pixel.
    private void Convert(SKBitmap image, int top, int left, Span<float> destination)
    {
        Span<float> scale = stackalloc float[Channels];
        Span<float> shift = stackalloc float[Channels];
        for (var c = 0; c < Channels; c++)
        {
            scale[c] = (float)(1.0 / (255.0 * std[c]));
            shift[c] = (float)(-mean[c] / std[c]);
        }

        ImagePixels.Read(image, top, left, Height, Width, scale, shift, destination);
    }
}
