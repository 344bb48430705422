using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.ImageFolder;

/// <summary>
/// Images in one folder per class (torchvision's <c>ImageFolder</c>), PNG or JPEG, decoded with
/// SkiaSharp, resized, cropped and normalized per channel: features <c>[channels, height, width]</c>,
/// targets the class index, class names the folder names.
/// </summary>
[Plugin("image-folder", Description = "PNG/JPEG images in one folder per class (train/, val/, test/ or split by fractions), resized, cropped and normalized per channel.")]
public sealed class ImageFolderDataset : IDataset<ImageFolderDatasetOptions>
{
    /// <inheritdoc />
    public LoadedDataset Load(ImageFolderDatasetOptions options, DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var splits = Open(options, context.Seed);
        var name = options.DatasetName ?? FileNames.Stem(options.Directory!);
        var train = Materialize(splits.Train, context);
        var validation = splits.Validation is null ? null : Materialize(splits.Validation, context);
        var test = splits.Test is null ? null : Materialize(splits.Test, context);
        var assembler = new DatasetAssembler
        {
            Name = name,
            Source = options.Directory!,
            ClassNames = splits.ClassNames,
            FeatureScaling = splits.Train.Transform.Scaling,
            Schema = Schema(splits),
        };
        context.Logger.LogDatasetLoaded(name, train.Count, validation?.Count ?? 0, test?.Count ?? 0);
        return assembler.Build(new PreparedSplits(train, validation, test, null), context.Device);
    }

    /// <summary>Scans the folder, splits it and fixes the feature shape; decodes no pixels except the first image's header.</summary>
    internal static ImageFolderSplits Open(ImageFolderDatasetOptions options, long seed)
    {
        var layout = ImageFolderLayout.Scan(options.Directory!);
        ImageSample[] train = layout.Train, validation = layout.Validation ?? [], test = layout.Test ?? [];

        // A fraction applies only where the folder has no such split of its own.
        var validationFraction = layout.Validation is null ? options.ValidationFraction : 0;
        var testFraction = layout.Test is null ? options.TestFraction : 0;
        if (validationFraction > 0 || testFraction > 0)
        {
            var pool = layout.Train;
            var indices = SplitIndices.Create(pool.Length, validationFraction, testFraction, SeedDerivation.ToInt32(seed));
            train = indices.Train.Select(i => pool[i]).ToArray();
            validation = layout.Validation ?? indices.Validation.Select(i => pool[i]).ToArray();
            test = layout.Test ?? indices.Test.Select(i => pool[i]).ToArray();
        }

        if (train.Length == 0)
        {
            throw new DatasetException($"The image folder '{layout.Root}' leaves no training images after holding out validation and test fractions.");
        }

        var (height, width) = ImageTransform.FixedSize(options) ?? FirstImageSize(options, train[0]);
        var transform = new ImageTransform(options, height, width);
        return new ImageFolderSplits(
            layout.ClassNames,
            new ImageFolderSplit("train", train, transform, options.CropMode == CropMode.Random),
            validation.Length > 0 ? new ImageFolderSplit("validation", validation, transform, randomCrop: false) : null,
            test.Length > 0 ? new ImageFolderSplit("test", test, transform, randomCrop: false) : null);
    }

    private static (int Height, int Width) FirstImageSize(ImageFolderDatasetOptions options, ImageSample first)
    {
        try
        {
            return ImageTransform.SizeAfterResize(options, first.Path);
        }
        catch (DatasetException e)
        {
            throw new DatasetException($"Sample 0 of the train split: {e.Message}", e);
        }
    }

    /// <summary>
    /// MLflow's schema of a tensor dataset (<c>mlflow_tensorspec</c>: features and targets as JSON
    /// strings), with the class names on the targets as the csv dataset records them on its label column.
    /// </summary>
    internal static string Schema(ImageFolderSplits splits)
    {
        var t = splits.Train.Transform;
        var features = new[] { new Dictionary<string, object> { ["type"] = "tensor", ["tensor-spec"] = new Dictionary<string, object> { ["dtype"] = "float32", ["shape"] = new[] { -1, t.Channels, t.Height, t.Width } } } };
        var targets = new[] { new Dictionary<string, object> { ["type"] = "tensor", ["tensor-spec"] = new Dictionary<string, object> { ["dtype"] = "int64", ["shape"] = new[] { -1 } }, ["classes"] = splits.ClassNames } };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mlflow_tensorspec"] = new Dictionary<string, string>
            {
                ["features"] = JsonSerializer.Serialize(features),
                ["targets"] = JsonSerializer.Serialize(targets),
            },
        });
    }

    private static SampleSet Materialize(ImageFolderSplit split, DatasetContext context)
    {
        var size = split.Transform.Size;
        var features = new float[(long)split.Count * size];
        var labels = new long[split.Count];
        var random = new Random(SeedDerivation.ToInt32(context.Seed));
        for (var i = 0; i < split.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            labels[i] = split.Read(i, features.AsSpan(i * size, size), random);
        }

        var t = split.Transform;
        return new SampleSet(features, [t.Channels, t.Height, t.Width], labels, null, 0);
    }
}

