using Crucible.Abstractions;
using Crucible.Host.Cli;
using Crucible.Host.Configuration;
using Crucible.Host.Export;
using Crucible.Host.Plugins;
using Crucible.Host.Training;
using Crucible.Onnx;
using Crucible.Torch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = Crucible.Torch.Tensor;

namespace Crucible.Integration.Tests.Experiments;

/// <summary>
/// Every shipped experiment's model exports to ONNX, and ONNX Runtime's outputs equal libtorch's
/// within 1e-5 on the experiment's test split. The model is composed exactly as a run composes it
/// (built-in plugins loaded from the host's plugins folder, the run's seed); batch norm's running
/// statistics are first moved off their initial 0/1 by training-mode passes, so its eval form is
/// really exercised. The model is the one a run logs in <c>model/</c>: the task's first role as the
/// task describes it (an autoencoder's on the test split; a GAN's generator on 1,000 standard normal
/// noise vectors, the inputs it maps).
/// </summary>
public sealed class OnnxParityTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly IHost host = CrucibleHostBuilder.Build(
        [new PluginFolder(Path.Combine(Path.GetDirectoryName(Cli.HostDll)!, "plugins"), "built-in", true)], null, verbose: false);

    private const int NoiseSamples = 1000;

    /// <summary>Every shipped experiment, whatever its task.</summary>
    public static TheoryData<string> Experiments() => [.. ExperimentFiles.All().Where(name => !ExperimentFiles.IsBase(name))];

    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("crucible-onnx-parity-");

    public void Dispose()
    {
        host.Dispose();
        output.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Onnx_runtime_equals_libtorch_on_the_test_split(string name)
    {
        var dataRoot = Environment.GetEnvironmentVariable("CRUCIBLE_DATA")
            ?? throw new InvalidOperationException("CRUCIBLE_DATA must name the shared datasets (source scripts/env.sh).");
        string[] overrides = [];
        if (name == "image-folder-digits")
        {
            // Its folder of PNG digits is built from MNIST's files, as the experiment's own test does.
            overrides = [$"dataset.directory={DigitFolder.Write(Path.Combine(output.FullName, "digits-png"), trainPerClass: 5, testPerClass: 10)}"];
        }

        var experiment = host.Services.GetRequiredService<ExperimentLoader>().Load(ExperimentFiles.PathOf(name), overrides, Cli.RepositoryRoot, dataRoot);
        Reproducibility.Apply(experiment.Training.Seed, experiment.Training.Deterministic, experiment.Training.Threads);
        using var composed = RunComposer.Compose(experiment, Device.Cpu, output.FullName, NullLogger.Instance, CancellationToken.None);
        var model = composed.Model;
        var modelData = composed.Components.Task.ModelData(experiment.Roles.Models[0], composed.Metadata);
        var readsData = modelData.FeatureShape.SequenceEqual(composed.Metadata.FeatureShape);
        using (var head = readsData ? composed.Train.Head(64 * 5) : new DataSplit(torch.Randn([64 * 5, .. modelData.FeatureShape]), torch.Zeros([64 * 5])))
        {
            MoveBatchNormStatistics(model, head);
        }

        var options = OnnxModelOptions.For(modelData, runId: null);
        var onnx = OnnxExporter.Export(model, options);
        using var session = new InferenceSession(onnx);
        // The whole split as tensors, whether the dataset holds it in memory or reads it lazily (image
        // folders); noise for a model that does not read the data's features (a generator).
        var reader = composed.Test ?? composed.Validation ?? composed.Train;
        using var split = readsData
            ? reader.Head(reader.Count)
            : new DataSplit(torch.Randn([NoiseSamples, .. modelData.FeatureShape]), torch.Zeros([NoiseSamples]));
        model.Eval();
        double worst = 0;
        long compared = 0;
        for (long start = 0; start < split.Count; start += 500)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.NoGrad();
            var length = Math.Min(500, split.Count - start);
            var x = split.Features.Narrow(0, start, length);
            var expected = model.Forward(x);
            var actual = Run(session, options.InputName, x);
            actual.Length.Should().Be((int)expected.NumEl, "ONNX Runtime's output must have libtorch's shape");
            var reference = expected.Contiguous().To(ScalarType.Float32).ToArray<float>();
            for (var i = 0; i < reference.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(reference[i] - actual[i]));
            }

            compared += length;
        }

        compared.Should().Be(split.Count);
        worst.Should().BeLessThanOrEqualTo(Tolerance, $"{name}: the largest |ONNX Runtime − libtorch| over {compared} samples");
    }

    private static float[] Run(InferenceSession session, string inputName, Tensor x)
    {
        var shape = x.Shape.Select(d => (int)d).ToArray();
        var contiguous = x.Contiguous();
        NamedOnnxValue value = x.DType == ScalarType.Int64
            ? NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<long>(contiguous.ToArray<long>(), shape))
            : NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(contiguous.To(ScalarType.Float32).ToArray<float>(), shape));
        using var results = session.Run([value]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    /// <summary>A few training-mode passes (no gradients) so batch norm's running mean and variance are the data's, not 0 and 1.</summary>
    private static void MoveBatchNormStatistics(Crucible.Torch.Nn.Module model, DataSplit train)
    {
        if (!model.Modules().OfType<Crucible.Torch.Nn.BatchNorm>().Any())
        {
            return;
        }

        model.Train();
        using var noGrad = torch.NoGrad();
        for (long start = 0; start + 64 <= Math.Min(train.Count, 64 * 5); start += 64)
        {
            using var scope = torch.NewDisposeScope();
            model.Forward(train.Features.Narrow(0, start, 64));
        }

        model.Modules().OfType<Crucible.Torch.Nn.BatchNorm>().First().RunningMean!.Abs().Sum().Item<float>().Should().BeGreaterThan(0);
    }
}
