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
        var transform = splits.Train.Transform;
        var metadata = new DatasetMetadata
        {
            Name = name,
            Source = options.Directory!,
            Digest = ImageFolderDigest.Of(options, splits, context.CancellationToken),
            Schema = Schema(splits),
            FeatureShape = [transform.Channels, transform.Height, transform.Width],
            TaskKind = TaskKind.Classification,
            NumClasses = splits.ClassNames.Count,
            OutputSize = splits.ClassNames.Count,
            ClassNames = splits.ClassNames,
            FeatureScaling = transform.Scaling,
            ImageEncoding = transform.Encoding,
        };
        context.Logger.LogDatasetLoaded(name, splits.Train.Samples.Length, splits.Validation?.Samples.Length ?? 0, splits.Test?.Samples.Length ?? 0);
        return new LoadedDataset
        {
            TrainSource = splits.Train,
            ValidationSource = splits.Validation,
            TestSource = splits.Test,
            Metadata = metadata,
        };
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
            new ImageFolderSource("train", train, transform, options.CropMode == CropMode.Random, seed),
            validation.Length > 0 ? new ImageFolderSource("validation", validation, transform, randomCrop: false, seed) : null,
            test.Length > 0 ? new ImageFolderSource("test", test, transform, randomCrop: false, seed) : null);
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
}
