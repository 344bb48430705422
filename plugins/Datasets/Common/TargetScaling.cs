namespace Crucible.Plugins.Datasets.Common;

/// <summary>Scales regression targets with statistics of the training targets only.</summary>
internal static class TargetScaling
{
    public static (PreparedSplits Splits, ColumnScaler Scaler) Scale(PreparedSplits splits, Scaling kind)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var train = splits.Train;
        var scaler = ColumnScaler.Fit(train.Targets, train.TargetWidth, kind);
        return (splits with { Train = Apply(train, scaler)!, Validation = Apply(splits.Validation, scaler), Test = Apply(splits.Test, scaler) }, scaler);
    }

    private static SampleSet? Apply(SampleSet? set, ColumnScaler scaler)
    {
        if (set?.Targets is null)
        {
            return set;
        }

        var targets = (float[])set.Targets.Clone();
        scaler.Transform(targets);
        return new SampleSet(set.Features, set.FeatureShape, null, targets, set.TargetWidth);
    }
}
