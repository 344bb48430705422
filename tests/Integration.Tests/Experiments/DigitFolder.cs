using System.Globalization;
using System.IO.Compression;
using SkiaSharp;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// An image folder built from the real MNIST files (CRUCIBLE_DATA): <c>train/&lt;digit&gt;/</c> and
/// <c>test/&lt;digit&gt;/</c> with the first digits of each class as 28x28 gray PNG files, as
/// <c>benchmarks/make-image-folder.sh</c> writes them; optionally every few test digits as a JPEG file instead.
/// </summary>
internal static class DigitFolder
{
    /// <summary>Writes the folder; with <paramref name="jpegTestEvery"/> &gt; 0 every that many test digits is a JPEG file (quality 90).</summary>
    public static string Write(string folder, int trainPerClass, int testPerClass, int jpegTestEvery = 0)
    {
        var mnist = Path.Combine(Environment.GetEnvironmentVariable("CRUCIBLE_DATA") ?? throw new InvalidOperationException("Set CRUCIBLE_DATA to the folder holding mnist/."), "mnist");
        WriteSplit(Path.Combine(folder, "train"), Path.Combine(mnist, "train-images-idx3-ubyte.gz"), Path.Combine(mnist, "train-labels-idx1-ubyte.gz"), trainPerClass, 0);
        WriteSplit(Path.Combine(folder, "test"), Path.Combine(mnist, "t10k-images-idx3-ubyte.gz"), Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz"), testPerClass, jpegTestEvery);
        return folder;
    }

    /// <summary>The test files in the order the dataset reads them (class folders, then file names, ordinally).</summary>
    public static IReadOnlyList<(string Path, string Label)> TestFiles(string folder) =>
        Directory.EnumerateDirectories(Path.Combine(folder, "test")).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d).Order(StringComparer.Ordinal).Select(f => (f, Path.GetFileName(d))))
            .ToList();

    private static void WriteSplit(string folder, string imagesPath, string labelsPath, int perClass, int jpegEvery)
    {
        var images = Gunzip(imagesPath);
        var labels = Gunzip(labelsPath)[8..];
        var taken = new int[10];
        for (var i = 0; i < labels.Length && taken.Sum() < 10 * perClass; i++)
        {
            var label = labels[i];
            if (taken[label]++ >= perClass)
            {
                continue;
            }

            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            images.AsSpan(16 + (i * 784), 784).CopyTo(bitmap.GetPixelSpan());
            var jpeg = jpegEvery > 0 && taken[label] % jpegEvery == 0;
            using var encoded = jpeg ? bitmap.Encode(SKEncodedImageFormat.Jpeg, 90) : bitmap.Encode(SKEncodedImageFormat.Png, 100);
            var path = Path.Combine(folder, label.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{i:D5}.{(jpeg ? "jpg" : "png")}"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, encoded.ToArray());
        }
    }

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
