using System.Globalization;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Plugins.Tasks;

/// <summary>
/// The autoencoder step: the supervised step with the input as its target, the model's flat output
/// reshaped to the input's shape. As a callback it records a grid of the first inputs it trained on
/// beside their current reconstructions.
/// </summary>
internal sealed class AutoencoderTask : SupervisedTask, ITrainingCallback, IDisposable
{
    private readonly AutoencoderOptions options;
    private readonly IReadOnlyList<long> shape;
    private readonly bool images;
    private Tensor? samples;

    public AutoencoderTask(AutoencoderOptions options, DatasetMetadata dataset)
    {
        this.options = options;
        shape = dataset.FeatureShape;
        images = ImageGrid.IsImage(shape);
    }

    /// <summary>
    /// The model outputs one value per input value, whatever the dataset's targets are: a sample shaped
    /// and scaled like its input (what its logged model answers, in the data's units). It reads inputs
    /// as the dataset does (its schema, scaling and image encoding).
    /// </summary>
    public override DatasetMetadata ModelData(string role, DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new DatasetMetadata
        {
            Name = dataset.Name,
            Digest = dataset.Digest,
            Source = dataset.Source,
            Schema = dataset.Schema,
            FeatureShape = dataset.FeatureShape,
            TaskKind = TaskKind.Regression,
            OutputSize = checked((int)dataset.FeatureShape.Aggregate(1L, (a, b) => a * b)),
            FeatureScaling = dataset.FeatureScaling,
            ImageEncoding = dataset.ImageEncoding,
            TargetShape = dataset.FeatureShape,
            TargetScaling = dataset.FeatureScaling,
        };
    }

    public override StepOutput TrainingStep(TaskBatch batch, ITrainerContext context)
    {
        if (samples is null && images)
        {
            // The first inputs trained on are the ones the grids follow from epoch to epoch.
            samples = batch.Features.Narrow(0, 0, Math.Min(options.GridSamples, batch.Size)).Detach().Clone().DetachFromDisposeScope();
        }

        return base.TrainingStep(batch, context);
    }

    public override Tensor PredictStep(Tensor features, ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Reconstruct(context, features);
    }

    public void OnEpochEnd(ITrainerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.GridEveryEpochs > 0 && (context.Epoch % options.GridEveryEpochs == 0 || context.Epoch == context.Epochs))
        {
            RecordGrid(context, string.Create(CultureInfo.InvariantCulture, $"epoch-{context.Epoch:D3}.png"));
        }
    }

    public void Dispose() => samples?.Dispose();

    protected override Tensor Target(TaskBatch batch) => batch.Features;

    protected override Tensor Forward(ITrainerContext context, Tensor features) => Reconstruct(context, features);

    private Tensor Reconstruct(ITrainerContext context, Tensor features) =>
        context.Model.Forward(features).Reshape([features.Shape[0], .. shape]);

    private void RecordGrid(ITrainerContext context, string fileName)
    {
        if (samples is null)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var model = context.Model;
        var training = model.Training;
        model.Eval();
        Tensor reconstructions;
        using (torch.NoGrad())
        {
            reconstructions = Reconstruct(context, samples);
        }

        if (training)
        {
            model.Train();
        }

        // Rows of pairs: input, reconstruction, input, reconstruction, ...
        var pairs = torch.Stack([samples, reconstructions], 1).Reshape([samples.Shape[0] * 2, .. shape]);
        var directory = Path.Combine(context.OutputDirectory, "reconstructions");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        ImageGrid.Save(pairs, columns: 8, path);
        context.LogArtifact(path, "reconstructions");
    }
}
