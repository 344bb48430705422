namespace Crucible.Plugins.Metrics.Math;

/// <summary>
/// Sums from which the regression errors follow, accumulated in double over a whole epoch so the
/// result does not depend on the batch size.
/// </summary>
internal sealed class RegressionMath
{
    private double sumSquaredError;
    private double sumAbsoluteError;
    private double targetMean;

    // Welford's running sum of squared deviations: no cancellation for large targets.
    private double targetM2;

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions but {truth.Length} targets.");
        }

        for (var i = 0; i < predicted.Length; i++)
        {
            double e = predicted[i] - truth[i];
            sumSquaredError += e * e;
            sumAbsoluteError += System.Math.Abs(e);
            Count++;
            var delta = truth[i] - targetMean;
            targetMean += delta / Count;
            targetM2 += delta * (truth[i] - targetMean);
        }
    }

    public double MeanSquaredError => Count == 0 ? double.NaN : sumSquaredError / Count;

    public double RootMeanSquaredError => System.Math.Sqrt(MeanSquaredError);

    public double MeanAbsoluteError => Count == 0 ? double.NaN : sumAbsoluteError / Count;

    /// <summary>
    /// The coefficient of determination, 1 - SS_res / SS_tot. For constant targets it is 1 when the
    /// fit is perfect and 0 otherwise, as scikit-learn's <c>r2_score</c> reports.
    /// </summary>
    public double RSquared
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            if (targetM2 == 0)
            {
                return sumSquaredError == 0 ? 1 : 0;
            }

            return 1 - (sumSquaredError / targetM2);
        }
    }
}
