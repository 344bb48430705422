using System.Globalization;
using System.IO.Compression;
using SkiaSharp;

// Writes an image folder (train/<class>/*.png, test/<class>/*.png) from MNIST-style IDX files, for the
// image-folder experiment and the image-folder benchmark (benchmarks/run-image-folder.sh):
//   Crucible.ImageFolder.Benchmarks --source DIR --out DIR [--train-per-class N] [--test-per-class N]
//       [--size S] [--copies K] [--rgb] [--format png|jpeg] [--class-names a,b,...] [--seed N]
// --size upscales the 28x28 images (bicubic); --copies K writes every training image K times, each
// copy but the first moved, mirrored, tinted and speckled with noise (so the files do not compress
// to nothing); --rgb writes colour images. The first copy of each image is the image itself.
var options = Options.Parse(args);
var train = Idx.ReadImages(Path.Combine(options.Source, "train-images-idx3-ubyte.gz"));
var trainLabels = Idx.ReadLabels(Path.Combine(options.Source, "train-labels-idx1-ubyte.gz"));
var test = Idx.ReadImages(Path.Combine(options.Source, "t10k-images-idx3-ubyte.gz"));
var testLabels = Idx.ReadLabels(Path.Combine(options.Source, "t10k-labels-idx1-ubyte.gz"));
var random = new Random(options.Seed);
long bytes = 0, files = 0;
foreach (var (split, images, labels, perClass, copies) in new[] { ("train", train, trainLabels, options.TrainPerClass, options.Copies), ("test", test, testLabels, options.TestPerClass, 1) })
{
    var taken = new int[256];
    for (var i = 0; i < labels.Length; i++)
    {
        var label = labels[i];
        if (taken[label] >= perClass)
        {
            continue;
        }

        taken[label]++;
        var folder = Path.Combine(options.Output, split, options.ClassName(label));
        Directory.CreateDirectory(folder);
        for (var copy = 0; copy < copies; copy++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:D5}-{copy:D2}.{options.Extension}"));
            var data = Render(images.Pixels(i), images.Rows, images.Columns, options, copy == 0 ? null : random);
            File.WriteAllBytes(path, data);
            bytes += data.Length;
            files++;
        }
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {files} images, {bytes / 1e6:F1} MB, under {options.Output}"));

static byte[] Render(ReadOnlySpan<byte> gray, int rows, int columns, Options options, Random? random)
{
    using var source = new SKBitmap(new SKImageInfo(columns, rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
    var tint = random is null || !options.Rgb ? (R: 1.0, G: 1.0, B: 1.0) : (R: 0.5 + (random.NextDouble() / 2), G: 0.5 + (random.NextDouble() / 2), B: 0.5 + (random.NextDouble() / 2));
    var pixels = source.GetPixelSpan();
    for (var p = 0; p < rows * columns; p++)
    {
        var v = gray[p];
        pixels[(p * 4) + 0] = (byte)(v * tint.R);
        pixels[(p * 4) + 1] = (byte)(v * tint.G);
        pixels[(p * 4) + 2] = (byte)(v * tint.B);
        pixels[(p * 4) + 3] = 255;
    }

    using var target = new SKBitmap(new SKImageInfo(options.Size, options.Size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
    using (var canvas = new SKCanvas(target))
    {
        canvas.Clear(SKColors.Black);
        using var image = SKImage.FromBitmap(source);
        var scale = (float)options.Size / Math.Max(rows, columns);
        if (random is not null)
        {
            // A shift of up to 10% of the side, and a mirror half of the time.
            var shift = options.Size / 10f;
            canvas.Translate((float)((random.NextDouble() * 2) - 1) * shift, (float)((random.NextDouble() * 2) - 1) * shift);
            if (random.Next(2) == 1)
            {
                canvas.Scale(-1, 1, options.Size / 2f, 0);
            }
        }

        canvas.DrawImage(image, new SKRect(0, 0, columns * scale, rows * scale), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    if (random is not null)
    {
        var span = target.GetPixelSpan();
        for (var p = 0; p < span.Length; p++)
        {
            if ((p & 3) != 3)
            {
                span[p] = (byte)Math.Clamp(span[p] + random.Next(-12, 13), 0, 255);
            }
        }
    }

    if (!options.Rgb)
    {
        var span = target.GetPixelSpan();
        for (var p = 0; p < span.Length; p += 4)
        {
            span[p + 1] = span[p];
            span[p + 2] = span[p];
        }
    }

    using var encoded = target.Encode(options.Format, 90);
    return encoded.ToArray();
}

internal sealed class Options
{
    public required string Source { get; init; }

    public required string Output { get; init; }

    public int TrainPerClass { get; init; } = int.MaxValue;

    public int TestPerClass { get; init; } = int.MaxValue;

    public int Size { get; init; } = 28;

    public int Copies { get; init; } = 1;

    public bool Rgb { get; init; }

    public SKEncodedImageFormat Format { get; init; } = SKEncodedImageFormat.Png;

    public string Extension => Format == SKEncodedImageFormat.Png ? "png" : "jpg";

    public IReadOnlyList<string>? ClassNames { get; init; }

    public int Seed { get; init; } = 42;

    public string ClassName(int label) => ClassNames is { } names && label < names.Count ? names[label] : label.ToString(CultureInfo.InvariantCulture);

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rgb")
            {
                flags.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: --source DIR --out DIR [--train-per-class N] [--test-per-class N] [--size S] [--copies K] [--rgb] [--format png|jpeg] [--class-names a,b,...] [--seed N]");
            }
        }

        int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options
        {
            Source = values.GetValueOrDefault("--source") ?? throw new ArgumentException("--source DIR (the folder of the four IDX files) is required."),
            Output = values.GetValueOrDefault("--out") ?? throw new ArgumentException("--out DIR is required."),
            TrainPerClass = Int("--train-per-class", int.MaxValue),
            TestPerClass = Int("--test-per-class", int.MaxValue),
            Size = Int("--size", 28),
            Copies = Int("--copies", 1),
            Rgb = flags.Contains("--rgb"),
            Format = values.GetValueOrDefault("--format") is "jpeg" or "jpg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png,
            ClassNames = values.TryGetValue("--class-names", out var names) ? names.Split(',') : null,
            Seed = Int("--seed", 42),
        };
    }
}

internal sealed record Idx(byte[] Data, int Count, int Rows, int Columns)
{
    public ReadOnlySpan<byte> Pixels(int index) => Data.AsSpan(16 + (index * Rows * Columns), Rows * Columns);

    public static Idx ReadImages(string path)
    {
        var data = Read(path);
        return new Idx(data, BigEndian(data, 4), BigEndian(data, 8), BigEndian(data, 12));
    }

    public static byte[] ReadLabels(string path) => Read(path)[8..];

    private static byte[] Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    private static int BigEndian(byte[] data, int at) => (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
}
