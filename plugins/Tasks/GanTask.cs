using System.Globalization;
using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Torch;
using Crucible.Torch.Nn;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// One GAN step per batch, as PyTorch's DCGAN example does it: the discriminator on real samples
/// (target <see cref="GanOptions.RealLabel"/>) and on detached fakes (target 0), one optimizer step;
/// then the generator through the discriminator with target 1 (the non-saturating loss,
/// <c>-log D(G(z))</c>), one optimizer step. Both losses are binary cross-entropy on logits.
/// A conditional GAN (<see cref="GanOptions.Conditional"/>) appends the one-hot class to the
/// generator's noise and to the discriminator's flattened sample; the fakes of a batch are asked for
/// the classes of its real samples.
/// </summary>
internal sealed class GanTask : TrainingTask, ITrainingCallback, IDisposable
{
    private readonly GanOptions options;
    private readonly IReadOnlyList<long> shape;
    private readonly Tensor fixedNoise;
    private readonly Tensor? fixedClasses;
    private readonly int classes;
    private readonly BCEWithLogitsLoss bce = new();

    public GanTask(GanOptions options, DatasetMetadata dataset, Device device)
    {
        this.options = options;
        shape = dataset.FeatureShape;
        if (options.Conditional)
        {
            if (dataset.TaskKind != TaskKind.Classification || dataset.NumClasses < 2)
            {
                throw new ExperimentConfigException(
                    $"task.conditional needs a classification dataset (class labels to condition on), but dataset '{dataset.Name}' is {dataset.TaskKind} with {dataset.NumClasses} classes. Use a classification dataset or \"conditional\": false.");
            }

            classes = dataset.NumClasses;
        }

        // Drawn once from the seeded generator: every grid shows the same noise, so they compare.
        fixedNoise = torch.Randn([options.GridSamples, options.LatentDim], device: device).DetachFromDisposeScope();

        // A conditional grid has a column per class: sample i asks for class i mod classes.
        fixedClasses = options.Conditional ? torch.Arange(options.GridSamples, device: device).Remainder(classes).DetachFromDisposeScope() : null;
    }

    public override bool AutomaticOptimization => false;

    /// <summary>
    /// The generator sees a noise vector (a float32 tensor, as its schema says) and outputs a sample's
    /// worth of values, shaped and scaled like the data's features (what its logged model answers);
    /// the discriminator outputs one logit.
    /// </summary>
    public override DatasetMetadata ModelData(string role, DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var generator = role == GanTaskPlugin.Generator;
        return new DatasetMetadata
        {
            Name = dataset.Name,
            Digest = dataset.Digest,
            Source = dataset.Source,
            Schema = generator ? LatentSchema(options.LatentDim + classes) : null,
            FeatureShape = (generator, options.Conditional) switch
            {
                (true, _) => [options.LatentDim + classes],
                (false, true) => [SampleSize(dataset.FeatureShape) + classes],
                (false, false) => dataset.FeatureShape,
            },
            TaskKind = generator ? TaskKind.Regression : TaskKind.Classification,
            NumClasses = generator ? 0 : 2,
            OutputSize = generator ? checked((int)SampleSize(dataset.FeatureShape)) : 1,

            // A conditional generator's input ends in the one-hot class: these name its columns.
            ClassNames = generator && options.Conditional ? ClassNames(dataset) : null,
            TargetShape = generator ? dataset.FeatureShape : null,
            TargetScaling = generator ? dataset.FeatureScaling : null,
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
        var labels = Labels(batch);
        var fake = Generate(generator, GeneratorInput(torch.Randn([n, options.LatentDim], device: batch.Features.Device), labels));

        discriminatorOptimizer.ZeroGrad();
        var dLoss = DiscriminatorLoss(discriminator, batch.Features, fake.Detach(), labels);
        dLoss.Backward();
        context.ClipGradients(GanTaskPlugin.Discriminator);
        discriminatorOptimizer.Step();

        generatorOptimizer.ZeroGrad();
        var gLoss = GeneratorLoss(discriminator, fake, labels);
        gLoss.Backward();
        context.ClipGradients(GanTaskPlugin.Generator);
        generatorOptimizer.Step();
        return new StepOutput { Values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["d_loss"] = dLoss, ["g_loss"] = gLoss } };
    }

    public override StepOutput ValidationStep(TaskBatch batch, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var discriminator = context.Models[GanTaskPlugin.Discriminator];
        var labels = Labels(batch);
        var fake = Generate(context.Models[GanTaskPlugin.Generator], GeneratorInput(torch.Randn([batch.Size, options.LatentDim], device: batch.Features.Device), labels));
        return new StepOutput
        {
            Values = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["d_loss"] = DiscriminatorLoss(discriminator, batch.Features, fake, labels),
                ["g_loss"] = GeneratorLoss(discriminator, fake, labels),
            },
        };
    }

    /// <summary>
    /// The generator's samples for <paramref name="features"/> taken as its inputs: noise vectors
    /// [N, latentDim], followed by the one-hot class [N, latentDim + classes] for a conditional GAN.
    /// </summary>
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
            RecordGrid(context, Sample(context, GeneratorInput(fixedNoise, fixedClasses)), string.Create(CultureInfo.InvariantCulture, $"epoch-{context.Epoch:D3}.png"));
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
        RecordGrid(context, Sample(context, GeneratorInput(fixedNoise, fixedClasses)), "final.png");
        if (options.GeneratedSamples > 0)
        {
            // A conditional GAN is asked for the classes in equal blocks: 0, 0, ..., 1, 1, ...
            var count = options.GeneratedSamples;
            var requested = options.Conditional
                ? torch.Tensor(Enumerable.Range(0, count).Select(i => (long)i * classes / count).ToArray(), device: fixedNoise.Device)
                : null;
            var samples = Sample(context, GeneratorInput(torch.Randn([count, options.LatentDim], device: fixedNoise.Device), requested));
            var path = Path.Combine(SamplesDirectory(context), "generated.idx");
            ImageGrid.SaveIdx(samples, path);
            context.LogArtifact(path, "samples");
            if (requested is not null)
            {
                var labelsPath = Path.Combine(SamplesDirectory(context), "generated-labels.idx");
                ImageGrid.SaveLabelsIdx(requested, labelsPath);
                context.LogArtifact(labelsPath, "samples");
            }
        }
    }

    public void Dispose()
    {
        fixedNoise.Dispose();
        fixedClasses?.Dispose();
    }

    /// <summary>MLflow's schema of a tensor input (<c>mlflow_tensorspec</c>): noise vectors (and a conditional generator's one-hot class) of <paramref name="width"/> float32 values.</summary>
    private static string LatentSchema(int width)
    {
        var features = new[] { new Dictionary<string, object> { ["type"] = "tensor", ["tensor-spec"] = new Dictionary<string, object> { ["dtype"] = "float32", ["shape"] = new[] { -1, width } } } };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["mlflow_tensorspec"] = new Dictionary<string, string> { ["features"] = JsonSerializer.Serialize(features) } });
    }

    private static IReadOnlyList<string> ClassNames(DatasetMetadata dataset) =>
        dataset.ClassNames ?? Enumerable.Range(0, dataset.NumClasses).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string SamplesDirectory(ITrainerContext context)
    {
        var directory = Path.Combine(context.OutputDirectory, "samples");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static long SampleSize(IReadOnlyList<long> featureShape) => featureShape.Aggregate(1L, (a, b) => a * b);

    private void RecordGrid(ITrainerContext context, Tensor samples, string fileName)
    {
        var path = Path.Combine(SamplesDirectory(context), fileName);
        ImageGrid.Save(samples, columns: options.Conditional ? classes : 8, path);
        context.LogArtifact(path, "samples");
    }

    private Tensor Generate(Module generator, Tensor noise) => generator.Forward(noise).Reshape([noise.Shape[0], .. shape]);

    /// <summary>The batch's class labels for a conditional GAN, null otherwise.</summary>
    private Tensor? Labels(TaskBatch batch) => options.Conditional ? batch.Targets.To(ScalarType.Int64) : null;

    /// <summary>The generator's input: the noise, with the one-hot class appended for a conditional GAN.</summary>
    private Tensor GeneratorInput(Tensor noise, Tensor? labels) =>
        labels is null ? noise : torch.Cat([noise, labels.OneHot(classes).To(noise.DType)], 1);

    /// <summary>The discriminator's input: the samples, flattened with the one-hot class appended for a conditional GAN.</summary>
    private Tensor DiscriminatorInput(Tensor samples, Tensor? labels) =>
        labels is null ? samples : torch.Cat([samples.Flatten(1), labels.OneHot(classes).To(samples.DType)], 1);

    private Tensor DiscriminatorLoss(Module discriminator, Tensor real, Tensor fake, Tensor? labels)
    {
        var realLogits = discriminator.Forward(DiscriminatorInput(real, labels));
        var fakeLogits = discriminator.Forward(DiscriminatorInput(fake, labels));
        return bce.Forward(realLogits, torch.FullLike(realLogits, options.RealLabel)) + bce.Forward(fakeLogits, torch.ZerosLike(fakeLogits));
    }

    private Tensor GeneratorLoss(Module discriminator, Tensor fake, Tensor? labels)
    {
        var logits = discriminator.Forward(DiscriminatorInput(fake, labels));
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
