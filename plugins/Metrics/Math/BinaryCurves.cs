namespace Crucible.Plugins.Metrics.Math;

/// <summary>
/// The ROC and precision-recall curves of a binary classifier's scores: one point per distinct
/// score used as the threshold, highest first (as scikit-learn's <c>roc_curve</c> and
/// <c>precision_recall_curve</c> compute them).
/// </summary>
internal sealed class BinaryCurves
{
    private BinaryCurves(double[] falsePositiveRate, double[] truePositiveRate, double[] precision, long positives, long negatives)
    {
        FalsePositiveRate = falsePositiveRate;
        TruePositiveRate = truePositiveRate;
        Precision = precision;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>False positive rate at each threshold, from 0 up to 1.</summary>
    public double[] FalsePositiveRate { get; }

    /// <summary>True positive rate (recall) at each threshold, from 0 up to 1.</summary>
    public double[] TruePositiveRate { get; }

    /// <summary>Precision at each threshold; the first point (nothing predicted positive) is 1 by convention.</summary>
    public double[] Precision { get; }

    /// <summary>Samples labelled 1.</summary>
    public long Positives { get; }

    /// <summary>Samples labelled 0.</summary>
    public long Negatives { get; }

    /// <summary>True when both classes occur, so both curves are defined.</summary>
    public bool Defined => Positives > 0 && Negatives > 0;

    /// <summary>
    /// Average precision: the precision at each threshold weighted by the recall it adds
    /// (scikit-learn's <c>average_precision_score</c>, no interpolation). NaN without positives.
    /// </summary>
    public double AveragePrecision()
    {
        if (Positives == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 1; i < Precision.Length; i++)
        {
            sum += (TruePositiveRate[i] - TruePositiveRate[i - 1]) * Precision[i];
        }

        return sum;
    }

    /// <summary>The curves of <paramref name="scores"/> (higher means class 1) against 0/1 <paramref name="truth"/>.</summary>
    public static BinaryCurves From(ReadOnlySpan<float> scores, ReadOnlySpan<long> truth)
    {
        if (scores.Length != truth.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {truth.Length} labels.");
        }

        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Sorting the negated scores ascending puts the highest score first.
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        long positives = 0;
        foreach (var t in truth)
        {
            positives += t == 1 ? 1 : 0;
        }

        var negatives = n - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var precision = new List<double> { 1 };
        long tp = 0, fp = 0;
        var start = 0;
        while (start < n)
        {
            // Tied scores cross the threshold together: one point for the whole group.
            var end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            for (var j = start; j <= end; j++)
            {
                if (truth[order[j]] == 1)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            fpr.Add(negatives == 0 ? 0 : (double)fp / negatives);
            tpr.Add(positives == 0 ? 0 : (double)tp / positives);
            precision.Add((double)tp / (tp + fp));
            start = end + 1;
        }

        return new BinaryCurves([.. fpr], [.. tpr], [.. precision], positives, negatives);
    }
}
