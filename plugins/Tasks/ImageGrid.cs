using Crucible.Torch;
using SkiaSharp;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// Writes a batch of images ([N, C, H, W] with 1 or 3 channels, values in [0, 1] as the <c>idx</c>
/// dataset's <c>unit</c> normalization gives) as one PNG grid, a pixel border between the tiles.
/// </summary>
internal static class ImageGrid
{
    /// <summary>True for a sample shape of [C, H, W] with one or three channels.</summary>
    public static bool IsImage(IReadOnlyList<long> shape) => shape.Count == 3 && shape[0] is 1 or 3;

    public static void Save(Tensor images, int columns, string path)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.Shape;
        var (n, channels, height, width) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        using var scope = torch.NewDisposeScope();
        var pixels = images.Detach().To(Device.Cpu, ScalarType.Float32).Clamp(0.0, 1.0).Mul(255.0).Round().To(ScalarType.Float32).ToArray<float>();
        columns = Math.Min(columns, n);
        var rows = (n + columns - 1) / columns;
        using var bitmap = new SKBitmap(columns * (width + 1) + 1, rows * (height + 1) + 1, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(128, 128, 128));
        for (var i = 0; i < n; i++)
        {
            var (left, top) = (1 + (i % columns * (width + 1)), 1 + (i / columns * (height + 1)));
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    byte Channel(int c) => (byte)pixels[(((((long)i * channels) + c) * height) + y) * width + x];
                    var color = channels == 1 ? new SKColor(Channel(0), Channel(0), Channel(0)) : new SKColor(Channel(0), Channel(1), Channel(2));
                    bitmap.SetPixel(left + x, top + y, color);
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>Writes images in [0, 1] as an IDX file of unsigned bytes ([N, H, W] for one channel, as MNIST's files are).</summary>
    public static void SaveIdx(Tensor images, string path)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        var shape = images.Shape;
        var dims = shape[1] == 1 ? new[] { shape[0], shape[2], shape[3] } : shape.ToArray();
        var bytes = images.Detach().To(Device.Cpu, ScalarType.Float32).Clamp(0.0, 1.0).Mul(255.0).Round().To(ScalarType.UInt8).ToArray<byte>();
        using var file = File.Create(path);
        file.Write([0, 0, 0x08, (byte)dims.Length]);
        foreach (var d in dims)
        {
            file.Write([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        }

        file.Write(bytes);
    }

    /// <summary>Writes class labels [N] as an IDX file of unsigned bytes (as MNIST's label files are).</summary>
    public static void SaveLabelsIdx(Tensor labels, string path)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        var n = labels.Shape[0];
        var bytes = labels.Detach().To(Device.Cpu, ScalarType.UInt8).ToArray<byte>();
        using var file = File.Create(path);
        file.Write([0, 0, 0x08, 1, (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
        file.Write(bytes);
    }
}
