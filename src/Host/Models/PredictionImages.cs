using System.Globalization;
using SkiaSharp;

namespace Crucible.Host.Models;

/// <summary>
/// Writes predictions that are images (an output shaped <c>[channels, height, width]</c> in pixels,
/// a generator's or an autoencoder's) as PNG files, one per sample: gray for one channel, RGB for
/// three; values rounded and clamped to 0-255.
/// </summary>
internal static class PredictionImages
{
    /// <summary>Whether the model's outputs are images this writer can write.</summary>
    public static bool CanWrite(ModelPreprocessing model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.TargetShape is { Count: 3 } shape && shape[0] is 1 or 3;
    }

    /// <summary>Writes <c>prediction-NNNN.png</c> files into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<Prediction> predictions, ModelPreprocessing model, string folder)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(model);
        var shape = model.TargetShape!;
        var (channels, height, width) = ((int)shape[0], (int)shape[1], (int)shape[2]);
        Directory.CreateDirectory(folder);
        var paths = new List<string>(predictions.Count);
        for (var i = 0; i < predictions.Count; i++)
        {
            var values = predictions[i].Values;
            using var bitmap = new SKBitmap(new SKImageInfo(width, height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque));
            var pixels = bitmap.GetPixelSpan();
            var plane = height * width;
            for (var at = 0; at < plane; at++)
            {
                if (channels == 1)
                {
                    pixels[at] = Byte(values[at]);
                }
                else
                {
                    pixels[at * 4] = Byte(values[at]);
                    pixels[(at * 4) + 1] = Byte(values[plane + at]);
                    pixels[(at * 4) + 2] = Byte(values[(2 * plane) + at]);
                    pixels[(at * 4) + 3] = 255;
                }
            }

            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"prediction-{i:D4}.png"));
            File.WriteAllBytes(path, png.ToArray());
            paths.Add(path);
        }

        return paths;
    }

    private static byte Byte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
