using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Crucible.Integration.Tests.Experiments;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Crucible.Integration.Tests.Models;

/// <summary>
/// The models of the non-supervised tasks leave the run as a supervised one does: <c>mnist-autoencoder</c>
/// (images in, reconstructions out) and <c>mnist-gan</c>'s generator (noise vectors followed by the
/// one-hot digit class, as the shipped conditional GAN takes them, in; images out),
/// trained small through the CLI, log <c>model/</c> in MLflow's format with tensor signatures, and
/// <c>crucible predict</c>, <c>crucible serve</c> (libtorch and ONNX Runtime) and <c>crucible export</c>
/// answer in the data's units (pixels 0-255, shaped like a sample).
/// </summary>
public sealed class TaskModelTests : IDisposable
{
    private const int TestImages = 100;

    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task An_autoencoders_reconstructions_through_predict_and_serve_give_its_recorded_test_loss()
    {
        // One test batch of 100 images, so the recorded test_loss is the mean over every pixel of the split.
        var train = await workspace.RunAsync(
            "run", ExperimentFiles.PathOf("mnist-autoencoder"), "--set", "dataset.trainLimit=500", "--set", $"dataset.testLimit={TestImages}",
            "--set", "training.epochs=1", "--set", $"training.batchSize={TestImages}", "--set", "model.hidden=[64,16,64]",
            "--set", "training.threads=1", "--set", "training.device=cpu", "--set", "task.gridEveryEpochs=0");
        train.ExitCode.Should().Be(0, train.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var expected = run.History("test_loss").Should().ContainSingle().Subject;
        var model = Path.Combine(run.ArtifactsDirectory, "model");
        var mlmodel = File.ReadAllText(Path.Combine(model, "MLmodel"));
        mlmodel.Should().Contain("training_task: autoencoder")
            .And.Contain("""inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1, 28, 28]}}]'""")
            .And.Contain("""outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 1, 28, 28]}}]'""")
            .And.Contain("  onnx:");
        run.Tags.Should().ContainKey("mlflow.log-model.history");

        var pixels = ReadIdx("t10k-images-idx3-ubyte.gz", 16, TestImages * 784);
        var body = InputsBody(pixels);
        var inputs = workspace.Write("test-images.json", body);
        var predicted = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", inputs, "--format", "json");
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        var reconstructions = Images(predicted.StandardOutput);
        reconstructions.Should().HaveCount(TestImages).And.OnlyContain(r => r.Length == 784 && r.All(v => v >= 0 && v <= 255));
        Bce(reconstructions, pixels).Should().BeApproximately(expected, 1e-4 * expected, "crucible predict's reconstructions in pixels give the run's test_loss");

        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await ServedModel.StartAsync(workspace, model, "--engine", engine);
            var (status, _, answer) = await server.InvokeAsync(body);
            status.Should().Be(200, answer);
            Bce(Images(answer), pixels).Should().BeApproximately(expected, 1e-4 * expected, $"crucible serve --engine {engine} gives the run's test_loss");
        }

        var exported = await workspace.RunAsync("export", run.RunId, "--format", "onnx", "-o", Path.Combine(workspace.Root, "autoencoder.onnx"));
        exported.ExitCode.Should().Be(0, exported.ToString());
        exported.StandardOutput.Should().Contain("input 'input' float32 [batch, 1, 28, 28]");
    }

    [Fact]
    public async Task A_gans_generator_turns_noise_vectors_into_images_through_predict_serve_and_export()
    {
        var train = await workspace.RunAsync(
            "run", ExperimentFiles.PathOf("mnist-gan"), "--set", "dataset.trainLimit=256", "--set", $"dataset.testLimit={TestImages}",
            "--set", "training.batchSize=32", "--set", "training.epochs=1", "--set", "models.generator.hidden=[32]", "--set", "models.discriminator.hidden=[32]",
            "--set", "task.generatedSamples=0", "--set", "task.gridEveryEpochs=0", "--set", "training.threads=1", "--set", "training.device=cpu");
        train.ExitCode.Should().Be(0, train.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);
        var model = Path.Combine(run.ArtifactsDirectory, "model");
        var mlmodel = File.ReadAllText(Path.Combine(model, "MLmodel"));
        mlmodel.Should().Contain("training_task: gan").And.Contain("model_role: generator")
            .And.Contain("""inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 74]}}]'""")
            .And.Contain("""outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 1, 28, 28]}}]'""")
            .And.Contain("  onnx:");
        run.Artifacts.Should().Contain(["model/MLmodel", "model/data/model.safetensors", "model/input_example.json", "model/model.onnx", "model-discriminator.safetensors"]);

        // The input example holds three noise vectors asking for digits 0, 1 and 2; predict takes it as it is.
        var example = Path.Combine(model, "input_example.json");
        var noise = ExampleNoise(File.ReadAllText(example));
        noise.Should().HaveCount(3 * 74);
        for (var i = 0; i < 3; i++)
        {
            noise.Skip((i * 74) + 64).Take(10).Should().Equal(Enumerable.Range(0, 10).Select(k => k == i ? 1f : 0f), "the one-hot class ends the generator's input");
        }

        var predicted = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", example, "--format", "json");
        predicted.ExitCode.Should().Be(0, predicted.ToString());
        var images = Images(predicted.StandardOutput);
        images.Should().HaveCount(3).And.OnlyContain(i => i.Length == 784 && i.All(v => v >= 0 && v <= 255) && i.Distinct().Count() > 10, "a sigmoid generator's pixels, scaled back to 0-255");
        images[0].Should().NotEqual(images[1], "different noise, different images");

        var csv = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", example);
        csv.ExitCode.Should().Be(0, csv.ToString());
        var lines = csv.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[0].Split(',').Should().HaveCount(784);

        // As PNG files, one per sample: the JSON's pixels rounded.
        var pngFolder = Path.Combine(workspace.Root, "generated");
        var png = await workspace.RunAsync("predict", $"runs:/{run.RunId}/model", example, "--format", "png", "-o", pngFolder);
        png.ExitCode.Should().Be(0, png.ToString());
        var files = Directory.GetFiles(pngFolder).Order(StringComparer.Ordinal).ToList();
        files.Select(Path.GetFileName).Should().Equal("prediction-0000.png", "prediction-0001.png", "prediction-0002.png");
        for (var i = 0; i < 3; i++)
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(files[i]);
            bitmap.Width.Should().Be(28);
            bitmap.Height.Should().Be(28);
            Enumerable.Range(0, 784).Select(p => (double)bitmap.GetPixel(p % 28, p / 28).Red).Should().Equal(images[i].Select(v => Math.Clamp(Math.Round(v), 0, 255)), $"image {i}'s pixels");
        }

        var body = File.ReadAllText(example);
        foreach (var engine in new[] { "libtorch", "onnx" })
        {
            await using var server = await ServedModel.StartAsync(workspace, model, "--engine", engine);
            var (status, _, answer) = await server.InvokeAsync(body);
            status.Should().Be(200, answer);
            Close(Images(answer), images, $"crucible serve --engine {engine}");
            var (badStatus, _, bad) = await server.InvokeAsync("{\"inputs\": [[0.1, 0.2, 0.3]]}");
            badStatus.Should().Be(400, bad);
            bad.Should().Contain("INVALID_PARAMETER_VALUE").And.Contain("the model takes 74");
        }

        // The exported file alone, in ONNX Runtime: the generator's pixels in [0, 1], the logged model's divided by 255.
        var onnx = Path.Combine(workspace.Root, "generator.onnx");
        var exported = await workspace.RunAsync("export", run.RunId, "--format", "onnx", "-o", onnx);
        exported.ExitCode.Should().Be(0, exported.ToString());
        exported.StandardOutput.Should().Contain("input 'input' float32 [batch, 74]");
        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), new DenseTensor<float>(noise, [3, 74]))]);
        var outputs = results[0].AsEnumerable<float>().ToArray();
        outputs.Should().HaveCount(3 * 784);
        Close(Enumerable.Range(0, 3).Select(i => outputs.Skip(i * 784).Take(784).Select(v => v * 255.0).ToArray()).ToList(), images, "the exported ONNX file in ONNX Runtime");
    }

    private static void Close(List<double[]> actual, List<double[]> expected, string what)
    {
        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Zip(expected[i], (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-3, $"{what} answers crucible predict's pixels (sample {i})");
        }
    }

    /// <summary>Binary cross-entropy per pixel of reconstructions against the inputs, both in pixels scaled to [0, 1]; logs clamped at -100 as libtorch does.</summary>
    private static double Bce(List<double[]> reconstructions, byte[] pixels)
    {
        var sum = 0.0;
        for (var i = 0; i < reconstructions.Count; i++)
        {
            for (var j = 0; j < 784; j++)
            {
                var x = pixels[(i * 784) + j] / 255.0;
                var p = reconstructions[i][j] / 255.0;
                sum -= (x * Math.Max(Math.Log(p), -100)) + ((1 - x) * Math.Max(Math.Log(1 - p), -100));
            }
        }

        return sum / (reconstructions.Count * 784.0);
    }

    /// <summary>Each prediction (nested lists [1][28][28]) flattened.</summary>
    private static List<double[]> Images(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").EnumerateArray().Select(p => Flatten(p).ToArray()).ToList();

        static IEnumerable<double> Flatten(JsonElement e) =>
            e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];
    }

    private static float[] ExampleNoise(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("inputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
    }

    private static string InputsBody(byte[] pixels)
    {
        var rows = Enumerable.Range(0, pixels.Length / 784).Select(i =>
            "[[" + string.Join("],[", Enumerable.Range(0, 28).Select(y => string.Join(',', Enumerable.Range(0, 28).Select(x => pixels[(i * 784) + (y * 28) + x].ToString(CultureInfo.InvariantCulture))))) + "]]");
        return "{\"inputs\": [" + string.Join(',', rows.Select(r => "[" + r + "]")) + "]}";
    }

    private static byte[] ReadIdx(string file, int header, int count)
    {
        var path = Path.Combine(Environment.GetEnvironmentVariable("CRUCIBLE_DATA") ?? throw new InvalidOperationException("Set CRUCIBLE_DATA."), "mnist", file);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var bytes = new byte[header + count];
        gzip.ReadExactly(bytes);
        return bytes[header..];
    }
}
