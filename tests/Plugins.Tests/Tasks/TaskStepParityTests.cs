using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Plugins.Tasks;
using Crucible.Torch;
using Crucible.Torch.Nn;
using Crucible.Torch.Optim;

namespace Crucible.Plugins.Tests.Tasks;

/// <summary>
/// The gan (plain and conditional) and autoencoder tasks' steps against PyTorch 1.13 (tasks_reference.py beside this file):
/// fixed weights and data, 20 steps, every loss and every final parameter within 1e-5.
/// </summary>
[Collection(GlobalState.Name)]
public sealed class TaskStepParityTests
{
    private const int Steps = 20;
    private const double Tolerance = 1e-5;
    private static readonly JsonElement Reference = LoadReference();

    [Fact]
    public void Twenty_gan_steps_match_pytorch() => TwentyGanSteps(conditional: false, "gan");

    [Fact]
    public void Twenty_conditional_gan_steps_match_pytorch() => TwentyGanSteps(conditional: true, "conditional_gan");

    /// <summary>A conditional GAN's models are sized by the task: noise plus one-hot class, flattened sample plus one-hot class.</summary>
    [Fact]
    public void A_conditional_gan_sizes_its_models_inputs_by_the_classes()
    {
        var metadata = new DatasetMetadata { Name = "parity", FeatureShape = [1, 4, 4], TaskKind = TaskKind.Classification, NumClasses = 3, OutputSize = 3 };
        using var task = (GanTask)((ITrainingTask<GanOptions>)new GanTaskPlugin()).Create(new GanOptions { LatentDim = 5, GridSamples = 1, Conditional = true }, new TaskContext { Dataset = metadata });
        task.ModelData(GanTaskPlugin.Generator, metadata).FeatureShape.Should().Equal(8);
        task.ModelData(GanTaskPlugin.Generator, metadata).OutputSize.Should().Be(16);
        task.ModelData(GanTaskPlugin.Discriminator, metadata).FeatureShape.Should().Equal(19);
        task.ModelData(GanTaskPlugin.Discriminator, metadata).OutputSize.Should().Be(1);
    }

    [Fact]
    public void A_conditional_gan_needs_class_labels()
    {
        var metadata = new DatasetMetadata { Name = "noise", FeatureShape = [1, 4, 4], TaskKind = TaskKind.Regression, OutputSize = 1 };
        var create = () => ((ITrainingTask<GanOptions>)new GanTaskPlugin()).Create(new GanOptions { Conditional = true }, new TaskContext { Dataset = metadata });
        create.Should().Throw<ExperimentConfigException>().WithMessage("*conditional needs a classification dataset*'noise'*");
    }

    private static void TwentyGanSteps(bool conditional, string key)
    {
        using var scope = torch.NewDisposeScope();
        var k = conditional ? 3 : 0;
        var generator = new Sequential(new Linear(3 + k, 8), new ReLU(), new Linear(8, 16), new Sigmoid());
        var discriminator = new Sequential(new Flatten(), new Linear(16 + k, 8), new LeakyReLU(), new Linear(8, 1));
        Fill(generator, conditional ? 3.0 : 0.0);
        Fill(discriminator, conditional ? 4.0 : 1.0);
        using var generatorOptimizer = new Adam(generator.Parameters(), lr: 0.01, beta1: 0.5);
        using var discriminatorOptimizer = new Adam(discriminator.Parameters(), lr: 0.01, beta1: 0.5);
        var metadata = new DatasetMetadata { Name = "parity", FeatureShape = [1, 4, 4], TaskKind = TaskKind.Classification, NumClasses = 3, OutputSize = 3 };
        var plugin = new GanTaskPlugin();
        var options = new GanOptions { LatentDim = 3, GridSamples = 1, Conditional = conditional, RealLabel = conditional ? 0.9 : 1.0 };
        using var task = (GanTask)((ITrainingTask<GanOptions>)plugin).Create(options, new TaskContext { Dataset = metadata });
        var context = new StepContext
        {
            Primary = GanTaskPlugin.Generator,
            ModelsByRole = new(StringComparer.Ordinal) { [GanTaskPlugin.Generator] = generator, [GanTaskPlugin.Discriminator] = discriminator },
            OptimizersByRole = new(StringComparer.Ordinal) { [GanTaskPlugin.Generator] = generatorOptimizer, [GanTaskPlugin.Discriminator] = discriminatorOptimizer },
        };
        var real = Images();
        var labels = torch.Tensor(Enumerable.Range(0, 8).Select(i => (long)(i % 3)).ToArray());

        torch.ManualSeed(0);
        var (dLosses, gLosses) = (new List<double>(), new List<double>());
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var output = task.TrainingStep(new TaskBatch(real, labels), context);
            dLosses.Add(output.Values["d_loss"].Item<float>());
            gLosses.Add(output.Values["g_loss"].Item<float>());
        }

        var gan = Reference.GetProperty(key);
        dLosses.Should().Equal(Doubles(gan.GetProperty("d_loss")), Close);
        gLosses.Should().Equal(Doubles(gan.GetProperty("g_loss")), Close);
        ExpectParameters(generator, gan.GetProperty("generator"));
        ExpectParameters(discriminator, gan.GetProperty("discriminator"));
    }

    [Fact]
    public void Twenty_autoencoder_steps_match_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var model = new Sequential(new Flatten(), new Linear(16, 4), new ReLU(), new Linear(4, 16), new Sigmoid());
        Fill(model, 2.0);
        using var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var metadata = new DatasetMetadata { Name = "parity", FeatureShape = [1, 4, 4], TaskKind = TaskKind.Classification, OutputSize = 10 };
        var task = ((ITrainingTask<AutoencoderOptions>)new AutoencoderTaskPlugin()).Create(new AutoencoderOptions(), new TaskContext { Dataset = metadata });
        task.ModelData(TaskRoles.Model, metadata).OutputSize.Should().Be(16, "the model outputs one value per pixel");
        var context = new StepContext
        {
            Primary = TaskRoles.Model,
            ModelsByRole = new(StringComparer.Ordinal) { [TaskRoles.Model] = model },
            OptimizersByRole = new(StringComparer.Ordinal) { [TaskRoles.Model] = optimizer },
            LossesByRole = new(StringComparer.Ordinal) { [TaskRoles.Loss] = new BCELoss() },
        };
        var x = Images();

        // The trainer's automatic step: zero the gradients, the task's loss, backward, step.
        var losses = new List<double>();
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.ZeroGrad();
            var output = task.TrainingStep(new TaskBatch(x, torch.ZerosLike(x)), context);
            output.Loss!.Backward();
            optimizer.Step();
            losses.Add(output.Loss.Item<float>());
        }

        var reference = Reference.GetProperty("autoencoder");
        losses.Should().Equal(Doubles(reference.GetProperty("loss")), Close);
        ExpectParameters(model, reference.GetProperty("model"));
        (task as IDisposable)?.Dispose();
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= Tolerance;

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>As tasks_reference.py: parameter k (in order) = 0.3 sin(offset + k + 0.37 i) over its flat index i.</summary>
    private static void Fill(Module module, double offset)
    {
        using var noGrad = torch.NoGrad();
        var k = 0;
        foreach (var (_, p) in module.NamedParameters())
        {
            var n = p.Shape.Aggregate(1L, (a, b) => a * b);
            var values = Enumerable.Range(0, (int)n).Select(i => (float)(0.3 * Math.Sin(offset + k + (0.37 * i)))).ToArray();
            p.Copy_(torch.Tensor(values, p.Shape.ToArray()));
            k++;
        }
    }

    private static Tensor Images() =>
        torch.Tensor(Enumerable.Range(0, 8 * 16).Select(i => (float)((Math.Sin(0.61 * i) + 1) / 2)).ToArray(), [8, 1, 4, 4]);

    /// <summary>Parameters in registration order, as PyTorch's named_parameters() lists them.</summary>
    private static void ExpectParameters(Module module, JsonElement expected)
    {
        var actual = module.NamedParameters().ToList();
        var reference = expected.EnumerateObject().ToList();
        actual.Should().HaveCount(reference.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            actual[i].Parameter.Detach().To(ScalarType.Float64).ToArray<double>()
                .Should().Equal(Doubles(reference[i].Value), Close, $"parameter {reference[i].Name} after {Steps} steps");
        }
    }

    private static JsonElement LoadReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Tasks", "tasks_reference.json");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
