using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using Crucible.Host.Cli;
using Crucible.Host.Export;
using Crucible.Host.Plugins;
using Crucible.Torch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// The course's last step end to end: train an MNIST model with <c>crucible run</c>, export it with
/// <c>crucible export RUN_ID --format onnx -o FILE</c>, and classify digit images with
/// <c>examples/digit-app</c>, which runs on ONNX Runtime alone.
/// </summary>
public sealed class DigitAppTests : IDisposable
{
    private readonly Workspace workspace = new();

    public static string DigitAppDll { get; } = typeof(DigitAppTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrucibleDigitAppDll").Value!;

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task A_trained_mnist_model_exports_and_the_digit_app_classifies_png_digits()
    {
        // mnist-mlp as shipped (standardized pixels), made small and fast: 64 hidden units, one epoch on 10,000 images.
        var train = await workspace.RunAsync(
            "run", ExperimentFiles.PathOf("mnist-mlp"), "--set", "model.hidden=[64]", "--set", "training.epochs=1", "--set", "training.device=cpu",
            "--set", "dataset.trainLimit=10000", "--set", "dataset.testLimit=1000");
        train.ExitCode.Should().Be(0, train.ToString());
        var run = RecordedRun.Single(workspace.MlRuns);

        var onnxFile = Path.Combine(workspace.Root, "out", "mnist.onnx");
        var export = await workspace.RunAsync("export", run.RunId, "--format", "onnx", "-o", onnxFile);
        export.ExitCode.Should().Be(0, export.ToString());
        export.StandardOutput.Should().Contain($"Exported run {run.RunId} to {onnxFile}").And.Contain("[batch, 1, 28, 28]");

        // The file is the run's trained model: ONNX Runtime equals libtorch (the run's weights, loaded from the store) on the test split.
        using var session = new InferenceSession(onnxFile);
        session.ModelMetadata.CustomMetadataMap.Should().Contain(OnnxModelOptions.RunIdKey, run.RunId).And.ContainKey(OnnxModelOptions.FeatureScaleKey);
        using var host = CrucibleHostBuilder.Build([new PluginFolder(Path.Combine(Path.GetDirectoryName(Cli.HostDll)!, "plugins"), "built-in", true)], null, verbose: false);
        using var recorded = await RecordedModel.LoadAsync(workspace.MlRuns, run.RunId, host.Services.GetRequiredService<Crucible.Host.Configuration.ExperimentLoader>(), NullLogger.Instance, CancellationToken.None);
        var test = recorded.Composed.Test!.Memory!;
        int[] expectedDigits;
        using (var scope = torch.NewDisposeScope())
        using (torch.NoGrad())
        {
            var x = test.Features.Narrow(0, 0, 1000);
            var reference = recorded.Composed.Model.Forward(x);
            var actual = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x.Contiguous().ToArray<float>(), [1000, 1, 28, 28]))]).Single().AsEnumerable<float>().ToArray();
            reference.ToArray<float>().Zip(actual, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1e-5f);
            expectedDigits = reference.Narrow(0, 0, 5).ArgMax(1).ToArray<long>().Select(d => (int)d).ToArray();
        }

        // The app: the first five MNIST test digits (7, 2, 1, 0, 4) as PNG files, classified from raw pixels.
        var labels = ReadIdx(Path.Combine(DataRoot, "mnist", "t10k-labels-idx1-ubyte.gz"), 8, 5);
        var images = ReadIdx(Path.Combine(DataRoot, "mnist", "t10k-images-idx3-ubyte.gz"), 16, 5 * 784);
        for (var i = 0; i < 5; i++)
        {
            var png = WritePng(Path.Combine(workspace.Root, $"digit-{i}.png"), images.AsSpan(i * 784, 784));
            var app = await RunAppAsync(onnxFile, png);
            app.ExitCode.Should().Be(0, app.ToString());
            app.StandardOutput.Should().StartWith($"digit: {labels[i]} (probability ", $"image {i} shows a {labels[i]}:\n{app}");
            expectedDigits[i].Should().Be(labels[i], "libtorch classifies it the same way");
        }

        // Deployed with ONNX Runtime alone: no Crucible assembly and no libtorch beside the app.
        Directory.EnumerateFiles(Path.GetDirectoryName(DigitAppDll)!, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Should().NotContain(f => f!.StartsWith("Crucible.", StringComparison.Ordinal) || f.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Export_of_an_unknown_run_says_so_and_writes_nothing()
    {
        var target = Path.Combine(workspace.Root, "model.onnx");
        var result = await workspace.RunAsync("export", "0123456789abcdef0123456789abcdef", "--format", "onnx", "-o", target);
        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("There is no run '0123456789abcdef0123456789abcdef'");
        File.Exists(target).Should().BeFalse();

        var format = await workspace.RunAsync("export", "0123456789abcdef0123456789abcdef", "--format", "torchscript", "-o", target);
        format.ExitCode.Should().Be(2, format.ToString());
        format.StandardError.Should().Contain("the only export format is onnx");
    }

    [Fact]
    public async Task The_digit_app_explains_its_usage()
    {
        var result = await RunAppAsync();
        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("usage: digit-app MODEL.onnx IMAGE");
    }

    private static string DataRoot => Environment.GetEnvironmentVariable("CRUCIBLE_DATA")
        ?? throw new InvalidOperationException("CRUCIBLE_DATA must name the shared datasets (source scripts/env.sh).");

    private static byte[] ReadIdx(string path, int header, int count)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var bytes = new byte[header + count];
        gzip.ReadExactly(bytes);
        return bytes[header..];
    }

    private static string WritePng(string path, ReadOnlySpan<byte> pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        pixels.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private static async Task<CliResult> RunAppAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(DigitAppDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Cli.DefaultTimeout);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
