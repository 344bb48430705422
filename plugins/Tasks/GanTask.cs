using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// One GAN step per batch, as PyTorch's DCGAN example does it: the discriminator on real samples
/// (target <see cref="GanOptions.RealLabel"/>) and on detached fakes (target 0), one optimizer step;
/// then the generator through the discriminator with target 1 (the non-saturating loss,
/// <c>-log D(G(z))</c>), one optimizer step. Both losses are binary cross-entropy on logits.
/// </summary>
internal sealed class GanTask : TrainingTask, ITrainingCallback, IDisposable
{
    private readonly GanOptions options;
    private readonly IReadOnlyList<long> shape;
    private readonly Tensor fixedNoise;
    private readonly BCEWithLogitsLoss bce = new();

    public GanTask(GanOptions options, DatasetMetadata dataset, Device device)
    {
        this.options = options;
        shape = dataset.FeatureShape;

        // Drawn once from the seeded generator: every grid shows the same noise, so they compare.
        fixedNoise = torch.Randn([options.GridSamples, options.LatentDim], device: device).DetachFromDisposeScope();
    }

    public override bool AutomaticOptimization => false;

    /// <summary>The generator sees a noise vector and outputs a sample's worth of values; the discriminator outputs one logit.</summary>
    public override DatasetMetadata ModelData(string role, DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var generator = role == GanTaskPlugin.Generator;
        return new DatasetMetadata
        {
            Name = dataset.Name,
            Digest = dataset.Digest,
            Source = dataset.Source,
            FeatureShape = generator ? [options.LatentDim] : dataset.FeatureShape,
            TaskKind = generator ? TaskKind.Regression : TaskKind.Classification,
            NumClasses = generator ? 0 : 2,
            OutputSize = generator ? checked((int)dataset.FeatureShape.Aggregate(1L, (a, b) => a * b)) : 1,
        };
    }

    public override StepOutput TrainingStep(TaskBatch batch, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var generator = context.Models[GanTaskPlugin.Generator];
        var discriminator = context.Models[GanTaskPlugin.Discriminator];
        var generatorOptimizer = context.Optimizers[GanTaskPlugin.Generator];
        var discriminatorOptimizer = context.Optimizers[GanTaskPlugin.Discriminator];
        var n = batch.Size;
        var fake = Generate(generator, torch.Randn([n, options.LatentDim], device: batch.Features.Device));

        discriminatorOptimizer.ZeroGrad();
        var dLoss = DiscriminatorLoss(discriminator, batch.Features, fake.Detach());
        dLoss.Backward();
        context.ClipGradients(GanTaskPlugin.Discriminator);
        discriminatorOptimizer.Step();

        generatorOptimizer.ZeroGrad();
        var gLoss = GeneratorLoss(discriminator, fake);
        gLoss.Backward();
        context.ClipGradients(GanTaskPlugin.Generator);
        generatorOptimizer.Step();
        return new StepOutput { Values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["d_loss"] = dLoss, ["g_loss"] = gLoss } };
    }

    public override StepOutput ValidationStep(TaskBatch batch, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var discriminator = context.Models[GanTaskPlugin.Discriminator];
        var fake = Generate(context.Models[GanTaskPlugin.Generator], torch.Randn([batch.Size, options.LatentDim], device: batch.Features.Device));
        return new StepOutput
        {
            Values = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["d_loss"] = DiscriminatorLoss(discriminator, batch.Features, fake),
                ["g_loss"] = GeneratorLoss(discriminator, fake),
            },
        };
    }

    /// <summary>The generator's samples for <paramref name="features"/> taken as noise vectors [N, latentDim].</summary>
    public override Tensor PredictStep(Tensor features, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Generate(context.Models[GanTaskPlugin.Generator], features);
    }

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.GridEveryEpochs > 0 && context.Epoch % options.GridEveryEpochs == 0 && ImageGrid.IsImage(shape))
        {
            using var scope = torch.NewDisposeScope();
            RecordGrid(context, Sample(context, fixedNoise), string.Create(CultureInfo.InvariantCulture, $"epoch-{context.Epoch:D3}.png"));
        }
    }

    public void OnFitEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ImageGrid.IsImage(shape) || context.CompletedEpochs == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        RecordGrid(context, Sample(context, fixedNoise), "final.png");
        if (options.GeneratedSamples > 0)
        {
            var samples = Sample(context, torch.Randn([options.GeneratedSamples, options.LatentDim], device: fixedNoise.Device));
            var path = Path.Combine(SamplesDirectory(context), "generated.idx");
            ImageGrid.SaveIdx(samples, path);
            context.LogArtifact(path, "samples");
        }
    }

    public void Dispose()
    {
        fixedNoise.Dispose();
    }

    private static string SamplesDirectory(ITrainerContext context)
    {
        var directory = Path.Combine(context.OutputDirectory, "samples");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void RecordGrid(ITrainerContext context, Tensor samples, string fileName)
    {
        var path = Path.Combine(SamplesDirectory(context), fileName);
        ImageGrid.Save(samples, columns: 8, path);
        context.LogArtifact(path, "samples");
    }

    private Tensor Generate(Module generator, Tensor noise) => generator.Forward(noise).Reshape([noise.Shape[0], .. shape]);

    private Tensor DiscriminatorLoss(Module discriminator, Tensor real, Tensor fake)
    {
        var realLogits = discriminator.Forward(real);
        var fakeLogits = discriminator.Forward(fake);
        return bce.Forward(realLogits, torch.FullLike(realLogits, options.RealLabel)) + bce.Forward(fakeLogits, torch.ZerosLike(fakeLogits));
    }

    private Tensor GeneratorLoss(Module discriminator, Tensor fake)
    {
        var logits = discriminator.Forward(fake);
        return bce.Forward(logits, torch.OnesLike(logits));
    }

    /// <summary>The generator's samples in evaluation mode without gradients, its mode restored after.</summary>
    private Tensor Sample(ITrainerContext context, Tensor noise)
    {
        var generator = context.Models[GanTaskPlugin.Generator];
        var training = generator.Training;
        generator.Eval();
        try
        {
            using var _ = torch.NoGrad();
            return Generate(generator, noise);
        }
        finally
        {
            if (training)
            {
                generator.Train();
            }
        }
    }
}
