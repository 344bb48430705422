namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// The parts of a dataset ready to become tensors, plus the feature scaler fitted on the training
/// part (kept so predictions on new data can be scaled the same way).
/// </summary>
internal sealed record PreparedSplits(SampleSet Train, SampleSet? Validation, SampleSet? Test, ColumnScaler? Scaler)
{
    /// <summary>
    /// Splits <paramref name="all"/> (validation and test taken by fraction after a seeded shuffle),
    /// then fits <paramref name="scaling"/> on the training part only and applies it to every part.
    /// </summary>
    public static PreparedSplits FromOne(SampleSet all, double validationFraction, double testFraction, int seed, Scaling scaling, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(all);
        var split = SplitIndices.Create(all.Count, validationFraction, testFraction, seed, shuffle);
        var train = all.Subset(split.Train);
        var validation = split.Validation.Length > 0 ? all.Subset(split.Validation) : null;
        var test = split.Test.Length > 0 ? all.Subset(split.Test) : null;
        return Scale(train, validation, test, scaling);
    }

    /// <summary>Fits <paramref name="scaling"/> on <paramref name="train"/> and applies it to every part (copies).</summary>
    public static PreparedSplits Scale(SampleSet train, SampleSet? validation, SampleSet? test, Scaling scaling)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (scaling == Scaling.None)
        {
            return new PreparedSplits(train, validation, test, null);
        }

        var columns = train.FeatureSize;
        var scaler = ColumnScaler.Fit(train.Features, columns, scaling);
        return new PreparedSplits(Apply(train, scaler), validation is null ? null : Apply(validation, scaler), test is null ? null : Apply(test, scaler), scaler);
    }

    private static SampleSet Apply(SampleSet set, ColumnScaler scaler)
    {
        var features = (float[])set.Features.Clone();
        scaler.Transform(features);
        return new SampleSet(features, set.FeatureShape, set.Labels, set.Targets, set.TargetWidth);
    }
}
