using Crucible.Abstractions;

namespace Crucible.Host.Data;

/// <summary>
/// What one sample of a <see cref="ISampleSource"/> looks like and how a batch of them becomes tensors:
/// features float32 <c>[B, ...FeatureShape]</c>; targets int64 <c>[B]</c> (one class index per sample)
/// for a classification dataset with more than one output, float32 <c>[B, OutputSize]</c> otherwise,
/// the same tensors an in-memory split of the same data holds.
/// </summary>
internal sealed record SampleLayout(long[] FeatureShape, int FeatureSize, bool ClassIndex, int TargetWidth, int NumClasses)
{
    public static SampleLayout Of(DatasetMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var shape = metadata.FeatureShape.ToArray();
        long size = 1;
        foreach (var d in shape)
        {
            if (d < 1)
            {
                throw new DatasetException($"Dataset '{metadata.Name}' declares features of shape [{string.Join(", ", shape)}]; a split read lazily needs every dimension at least 1.");
            }

            size *= d;
        }

        var classIndex = metadata.TaskKind == TaskKind.Classification && metadata.OutputSize != 1;
        return new SampleLayout(shape, checked((int)size), classIndex, classIndex ? 1 : Math.Max(1, metadata.OutputSize), metadata.NumClasses);
    }
}
