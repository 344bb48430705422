namespace Crucible.Plugins.Metrics.Math;

/// <summary>Accuracy-style scores computed from raw scores or predicted classes.</summary>
internal static class ClassificationMath
{
    /// <summary>
    /// Area under the ROC curve for binary labels from scores: the probability that a random positive
    /// scores above a random negative, ties counting half (the Mann-Whitney U statistic). NaN when
    /// one class is absent, as the AUC is undefined.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<long> truth)
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

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            // Tied scores share the mean of their 1-based ranks.
            var rank = ((start + end) / 2.0) + 1;
            for (var j = start; j <= end; j++)
            {
                if (truth[order[j]] == 1)
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
