using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

// digit-app MODEL.onnx IMAGE: prints the digit the model sees in the image, and its probability.
// The model is one exported by `crucible export RUN_ID --format onnx -o MODEL.onnx`; its metadata
// says how raw pixels (0-255) become model inputs and what the classes are called.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: digit-app MODEL.onnx IMAGE (png, jpeg, bmp, ...)");
    return 2;
}

foreach (var file in args)
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"error: '{file}' does not exist.");
        return 2;
    }
}

using var session = new InferenceSession(args[0]);
var input = session.InputMetadata.Single();
var metadata = session.ModelMetadata.CustomMetadataMap;

// [batch, 1, H, W] for a convolutional model, [batch, H, W] or [batch, H·W] for a dense one.
var dims = input.Value.Dimensions;
var pixels = dims.Skip(1).Aggregate(1, (a, b) => a * b);
var (height, width) = dims.Length >= 3 ? (dims[^2], dims[^1]) : ((int)Math.Sqrt(pixels), (int)Math.Sqrt(pixels));
if (height * width != pixels)
{
    Console.Error.WriteLine($"error: the model takes [{string.Join(", ", dims.Skip(1))}], which is not one grayscale image.");
    return 2;
}

using var decoded = SKBitmap.Decode(args[1]);
if (decoded is null)
{
    Console.Error.WriteLine($"error: '{args[1]}' is not an image SkiaSharp can read.");
    return 2;
}

using var image = decoded.Width == width && decoded.Height == height
    ? decoded.Copy()
    : decoded.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
var gray = new float[pixels];
for (var y = 0; y < height; y++)
{
    for (var x = 0; x < width; x++)
    {
        var c = image.GetPixel(x, y);
        var alpha = c.Alpha / 255f;
        gray[(y * width) + x] = ((0.299f * c.Red) + (0.587f * c.Green) + (0.114f * c.Blue)) * alpha;
    }
}

// MNIST digits are light on dark: a dark digit on light paper is inverted first.
var inverted = gray.Average() > 127;
if (inverted)
{
    for (var i = 0; i < gray.Length; i++)
    {
        gray[i] = 255 - gray[i];
    }
}

// The model's input is (raw − offset) / scale, one value for every pixel or one per pixel.
var offset = Numbers(metadata, "crucible.feature_offset");
var scale = Numbers(metadata, "crucible.feature_scale");
var features = new float[pixels];
for (var i = 0; i < pixels; i++)
{
    var o = offset.Length == 0 ? 0 : offset[offset.Length == 1 ? 0 : i];
    var s = scale.Length == 0 ? 1 : scale[scale.Length == 1 ? 0 : i];
    features[i] = (float)((gray[i] - o) / s);
}

var shape = dims.Select(d => d < 0 ? 1 : d).ToArray();
using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(features, shape))]);
var logits = results.Single().AsEnumerable<float>().ToArray();

// Softmax over the logits; the class names come from the model's metadata when it has them.
var max = logits.Max();
var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
var probabilities = exp.Select(e => e / exp.Sum()).ToArray();
var names = metadata.TryGetValue("crucible.class_names", out var json)
    ? JsonSerializer.Deserialize<string[]>(json) ?? []
    : [];
string Name(int i) => i < names.Length ? names[i] : i.ToString(CultureInfo.InvariantCulture);
var ranked = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digit: {Name(ranked[0])} (probability {probabilities[ranked[0]]:F3})"));
Console.WriteLine("top 3: " + string.Join(", ", ranked.Take(3).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Name(i)} {probabilities[i]:F3}"))) + (inverted ? " (image inverted: dark digit on light background)" : string.Empty));
return 0;

static double[] Numbers(IReadOnlyDictionary<string, string> metadata, string key) =>
    metadata.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<double[]>(json) ?? [] : [];
