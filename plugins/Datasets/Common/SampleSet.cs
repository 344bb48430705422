namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// Samples held in host arrays before they become tensors: features row-major with a per-sample
/// shape, and either class labels or regression targets (one or more values per sample).
/// </summary>
internal sealed class SampleSet
{
    private readonly float[]? values;

    public SampleSet(float[] features, int[] featureShape, long[]? labels, float[]? targets, int targetWidth)
        : this(features, null, featureShape, labels, targets, targetWidth)
    {
    }

    /// <summary>Samples whose features stay bytes until they become a tensor (8-bit images), with class labels.</summary>
    public SampleSet(ByteFeatures bytes, int[] featureShape, long[] labels)
        : this(null, bytes, featureShape, labels, null, 0)
    {
    }

    private SampleSet(float[]? features, ByteFeatures? bytes, int[] featureShape, long[]? labels, float[]? targets, int targetWidth)
    {
        if (features is null && bytes is null)
        {
            throw new ArgumentNullException(nameof(features));
        }

        ArgumentNullException.ThrowIfNull(featureShape);
        if ((labels is null) == (targets is null))
        {
            throw new ArgumentException("A sample set has either class labels or regression targets.");
        }

        FeatureShape = featureShape;
        var perSample = 1;
        foreach (var d in featureShape)
        {
            perSample *= d;
        }

        FeatureSize = perSample;
        var length = features?.Length ?? bytes!.Codes.Length;
        if (perSample == 0 || length % perSample != 0)
        {
            throw new ArgumentException($"{length} feature values do not divide into samples of shape [{string.Join(", ", featureShape)}].");
        }

        this.values = features;
        Bytes = bytes;
        Count = length / perSample;
        Labels = labels;
        Targets = targets;
        TargetWidth = targets is null ? 0 : targetWidth;
        if (labels is not null && labels.Length != Count)
        {
            throw new ArgumentException($"{Count} samples but {labels.Length} labels.");
        }

        if (targets is not null && targets.Length != Count * targetWidth)
        {
            throw new ArgumentException($"{Count} samples of {targetWidth} targets need {Count * targetWidth} values but {targets.Length} were given.");
        }
    }

    /// <summary>Features, sample after sample, row-major (not for a set that holds its features as <see cref="Bytes"/>).</summary>
    public float[] Features => values
        ?? throw new InvalidOperationException("This sample set holds its features as bytes (Bytes); it becomes a tensor without a float array.");

    /// <summary>The features as bytes that stand for floats (8-bit images), or null when they are <see cref="Features"/>.</summary>
    public ByteFeatures? Bytes { get; }

    /// <summary>Shape of one sample's features (e.g. [4] for iris, [1, 28, 28] for MNIST).</summary>
    public int[] FeatureShape { get; }

    /// <summary>Number of feature values per sample.</summary>
    public int FeatureSize { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Class index per sample (classification), or null.</summary>
    public long[]? Labels { get; }

    /// <summary>Targets, sample after sample (regression), or null.</summary>
    public float[]? Targets { get; }

    /// <summary>Number of targets per sample (regression).</summary>
    public int TargetWidth { get; }

    /// <summary>True when the set holds class labels.</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public SampleSet Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new float[indices.Count * FeatureSize];
        long[]? labels = Labels is null ? null : new long[indices.Count];
        float[]? targets = Targets is null ? null : new float[indices.Count * TargetWidth];
        for (var i = 0; i < indices.Count; i++)
        {
            var src = indices[i];
            Array.Copy(Features, (long)src * FeatureSize, features, (long)i * FeatureSize, FeatureSize);
            if (labels is not null)
            {
                labels[i] = Labels![src];
            }

            if (targets is not null)
            {
                Array.Copy(Targets!, (long)src * TargetWidth, targets, (long)i * TargetWidth, TargetWidth);
            }
        }

        return new SampleSet(features, FeatureShape, labels, targets, TargetWidth);
    }
}
