using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Crucible.Integration.Tests.Experiments;
using SkiaSharp;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// The MNIST experiments' models used as a user does: each shipped file trained (one epoch on 3,000
/// images, 300 test images: the network as shipped, the data cut so the suite stays fast), then
/// <c>crucible predict</c> and <c>crucible serve</c> (libtorch and ONNX Runtime) on the test images in
/// raw pixels (0-255) give the run's recorded test_accuracy again: as MLflow <c>inputs</c> of shape
/// <c>[1, 28, 28]</c>, as PNG and PGM files given to <c>predict</c>, and as PNG files posted to
/// <c>serve</c> base64-encoded (<c>{"b64": ...}</c> samples).
/// </summary>
public sealed class MnistModelTests : IDisposable
{
    private const int TestImages = 300;

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("mnist-mlp")]
    [InlineData("mnist-cnn")]
    public async Task Predict_and_serve_give_the_recorded_test_accuracy_on_raw_pixels_and_image_files(string name)
    {
        var train = await workspace.RunAsync(
            "run", ExperimentFiles.PathOf(name), "--set", "training.epochs=1", "--set", "training.device=cpu", "--set", "training.threads=1",
            "--set", "dataset.trainLimit=3000", "--set", $"dataset.testLimit={TestImages}");
        train.ExitCode.Should().Be(0, train.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var expected = run.History("test_accuracy").Should().ContainSingle().Subject;
        expected.Should().BeGreaterThan(0.5, "one epoch on 3,000 images already learns digits");

        var labels = ReadIdx("t10k-labels-idx1-ubyte.gz", 8, TestImages);
        var pixels = ReadIdx("t10k-images-idx3-ubyte.gz", 16, TestImages * 784);
        var rawInputs = workspace.Write("test-images.json", InputsBody(pixels));
        var files = Enumerable.Range(0, TestImages)
            .Select(i => i % 2 == 0 ? WritePng(Path.Combine(workspace.Root, $"digit-{i:D3}.png"), pixels.AsSpan(i * 784, 784)) : WritePgm(Path.Combine(workspace.Root, $"digit-{i:D3}.pgm"), pixels.AsSpan(i * 784, 784)))
            .ToList();

        var predicted = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", rawInputs, "--format", "json");
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        Accuracy(Predictions(predicted.StandardOutput), labels).Should().Be(expected, "crucible predict on raw pixels gives the run's test_accuracy");

        var fromFiles = await workspace.RunAsync(["predict", $"runs:/{run.RunId}/model", .. files, "--format", "json"]);
        fromFiles.ExitCode.Should().Be(0, fromFiles.ToString());
        Accuracy(Predictions(fromFiles.StandardOutput), labels).Should().Be(expected, "crucible predict on PNG and PGM files gives the run's test_accuracy");

        var csv = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", files[0], files[1]);
        csv.ExitCode.Should().Be(0, csv.ToString());
        csv.StandardOutput.Should().StartWith("input,").And.Contain("digit-000.png,").And.Contain("digit-001.pgm,");

        var encoded = EncodedPngBody(pixels);
        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await ServedModel.StartAsync(workspace, Path.Combine(run.ArtifactsDirectory, "model"), "--engine", engine);
            Accuracy(await server.PredictAsync(File.ReadAllText(rawInputs)), labels).Should().Be(expected, $"crucible serve --engine {engine} on raw pixels gives the run's test_accuracy");
            Accuracy(await server.PredictAsync(encoded), labels).Should().Be(expected, $"crucible serve --engine {engine} on base64 PNG files gives the run's test_accuracy");

            var (status, _, body) = await server.InvokeAsync("{\"inputs\": [{\"b64\": \"bm90IGFuIGltYWdl\"}]}");
            status.Should().Be(400, body);
            body.Should().Contain("\"error_code\":\"BAD_REQUEST\"").And.Contain("Sample 0 (b64): not a PNG or PGM image");
        }
    }

    private static List<string> Predictions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()!).ToList();
    }

    private static double Accuracy(IReadOnlyList<string> predicted, byte[] labels)
    {
        predicted.Should().HaveCount(labels.Length);
        return predicted.Select((p, i) => p == labels[i].ToString(CultureInfo.InvariantCulture) ? 1.0 : 0.0).Average();
    }

    /// <summary>MLflow's <c>inputs</c>: one <c>[1, 28, 28]</c> list of raw pixels per image.</summary>
    private static string InputsBody(byte[] pixels)
    {
        var text = new StringBuilder("{\"inputs\": [");
        for (var i = 0; i < TestImages; i++)
        {
            text.Append(i > 0 ? ", [[" : "[[");
            for (var y = 0; y < 28; y++)
            {
                text.Append(y > 0 ? ", [" : "[").AppendJoin(", ", pixels.AsSpan((i * 784) + (y * 28), 28).ToArray()).Append(']');
            }

            text.Append("]]");
        }

        return text.Append("]}").ToString();
    }

    /// <summary>Each image as a PNG file's bytes in a <c>{"b64": ...}</c> sample.</summary>
    private static string EncodedPngBody(byte[] pixels) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["instances"] = Enumerable.Range(0, TestImages).Select(i => new Dictionary<string, string> { ["b64"] = Convert.ToBase64String(Png(pixels.AsSpan(i * 784, 784))) }).ToList(),
        });

    private static string DataRoot => Environment.GetEnvironmentVariable("CRUCIBLE_DATA")
        ?? throw new InvalidOperationException("CRUCIBLE_DATA must name the shared datasets (source scripts/env.sh).");

    private static byte[] ReadIdx(string file, int header, int count)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(DataRoot, "mnist", file)), CompressionMode.Decompress);
        var bytes = new byte[header + count];
        gzip.ReadExactly(bytes);
        return bytes[header..];
    }

    private static byte[] Png(ReadOnlySpan<byte> pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        pixels.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string WritePng(string path, ReadOnlySpan<byte> pixels)
    {
        File.WriteAllBytes(path, Png(pixels));
        return path;
    }

    private static string WritePgm(string path, ReadOnlySpan<byte> pixels)
    {
        File.WriteAllBytes(path, [.. "P5\n28 28\n255\n"u8, .. pixels]);
        return path;
    }
}
