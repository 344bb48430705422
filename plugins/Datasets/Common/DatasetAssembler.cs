using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Crucible.Abstractions;
using Crucible.Torch;

namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// Turns prepared host arrays into the tensors and metadata a dataset plugin returns: features
/// float32 <c>[N, ...shape]</c> (int64 for token indices), targets int64 <c>[N]</c> for classes,
/// float32 <c>[N, 1]</c> for a single-logit binary model, float32 <c>[N, outputs]</c> for regression,
/// all created directly on the training device. The digest hashes exactly those values, so the
/// same data with the same preprocessing gives the same digest.
/// </summary>
internal sealed class DatasetAssembler
{
    public required string Name { get; init; }

    public required string Source { get; init; }

    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Binary classification with one output (a logit) and 0/1 float targets, for BCE losses.</summary>
    public bool SingleBinaryOutput { get; init; }

    /// <summary>Features are token indices (int64) rather than values.</summary>
    public bool IntegerFeatures { get; init; }

    public int? VocabularySize { get; init; }

    public TextEncoding? TextEncoding { get; init; }

    public ColumnScaling? FeatureScaling { get; init; }

    public ColumnScaling? TargetScaling { get; init; }

    public IReadOnlyDictionary<string, double>? Baselines { get; init; }

    public string? Schema { get; init; }

    public IBatchTransform? TrainTransform { get; init; }

    public static ColumnScaling? ToScaling(ColumnScaler? scaler) =>
        scaler is null || scaler.Kind == Scaling.None ? null : new ColumnScaling(scaler.Offset, scaler.Scale);

    public LoadedDataset Build(PreparedSplits splits, Device device)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var train = splits.Train;
        if (train.Count == 0)
        {
            throw new DatasetException($"Dataset '{Name}' has no training samples.");
        }

        var classification = train.IsClassification;
        var classes = classification ? ClassNames?.Count ?? (int)(train.Labels!.Max() + 1) : 0;
        if (SingleBinaryOutput && classes != 2)
        {
            throw new DatasetException($"Dataset '{Name}': a single binary output needs two classes, but there are {classes}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        DataSplit? trainSplit = null, validationSplit = null, testSplit = null;
        try
        {
            trainSplit = ToSplit(train, device, hash);
            validationSplit = splits.Validation is null ? null : ToSplit(splits.Validation, device, hash);
            testSplit = splits.Test is null ? null : ToSplit(splits.Test, device, hash);
        }
        catch
        {
            trainSplit?.Dispose();
            validationSplit?.Dispose();
            throw;
        }

        var metadata = new DatasetMetadata
        {
            Name = Name,
            Source = Source,
            Digest = Convert.ToHexStringLower(hash.GetHashAndReset()),
            Schema = Schema,
            FeatureShape = train.FeatureShape.Select(d => (long)d).ToArray(),
            TaskKind = classification ? TaskKind.Classification : TaskKind.Regression,
            NumClasses = classes,
            OutputSize = classification ? (SingleBinaryOutput ? 1 : classes) : train.TargetWidth,
            ClassNames = ClassNames,
            VocabularySize = VocabularySize,
            TextEncoding = TextEncoding,
            FeatureScaling = FeatureScaling,
            TargetScaling = TargetScaling,
            Baselines = Baselines ?? new Dictionary<string, double>(),
        };

        return new LoadedDataset
        {
            Train = trainSplit,
            Validation = validationSplit,
            Test = testSplit,
            Metadata = metadata,
            TrainTransform = TrainTransform,
        };
    }

    private DataSplit ToSplit(SampleSet set, Device device, IncrementalHash hash)
    {
        long[] shape = [set.Count, .. set.FeatureShape.Select(d => (long)d)];
        Tensor features;
        if (set.Bytes is { } bytes)
        {
            features = bytes.ToTensor(shape, device, hash);
        }
        else if (IntegerFeatures)
        {
            var indices = Array.ConvertAll(set.Features, v => (long)v);
            hash.AppendData(MemoryMarshal.AsBytes(indices.AsSpan()));
            features = torch.Tensor<long>(indices, shape, device);
        }
        else
        {
            hash.AppendData(MemoryMarshal.AsBytes(set.Features.AsSpan()));
            features = torch.Tensor<float>(set.Features, shape, device);
        }

        features.DetachFromDisposeScope();
        Tensor targets;
        if (set.Labels is not null && SingleBinaryOutput)
        {
            var values = Array.ConvertAll(set.Labels, l => (float)l);
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
            targets = torch.Tensor<float>(values, [set.Count, 1], device);
        }
        else if (set.Labels is not null)
        {
            hash.AppendData(MemoryMarshal.AsBytes(set.Labels.AsSpan()));
            targets = torch.Tensor<long>(set.Labels, [set.Count], device);
        }
        else
        {
            hash.AppendData(MemoryMarshal.AsBytes(set.Targets.AsSpan()));
            targets = torch.Tensor<float>(set.Targets!, [set.Count, set.TargetWidth], device);
        }

        targets.DetachFromDisposeScope();
        return new DataSplit(features, targets);
    }
}
