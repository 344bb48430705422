namespace Crucible.Plugins.Metrics.Math;

/// <summary>Accuracy-style scores computed from raw scores or predicted classes.</summary>
internal static class ClassificationMath
{
    /// <summary>The index of the largest score of each row of <paramref name="scores"/> ([n, classes] row-major).</summary>
    public static long[] ArgMax(ReadOnlySpan<float> scores, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var n = scores.Length / classes;
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            var row = scores.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>
    /// Number of rows whose true class is among the <paramref name="k"/> highest scores. A tie with
    /// the k-th score does not count as a hit unless the true class wins the tie by index (as topk does).
    /// </summary>
    public static long TopKHits(ReadOnlySpan<float> scores, ReadOnlySpan<long> truth, int classes, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = truth.Length;
        if (scores.Length != n * classes)
        {
            throw new ArgumentException($"{scores.Length} scores do not match {n} samples of {classes} classes.");
        }

        long hits = 0;
        for (var i = 0; i < n; i++)
        {
            var row = scores.Slice(i * classes, classes);
            var t = (int)truth[i];
            var score = row[t];
            var better = 0;
            for (var c = 0; c < classes; c++)
            {
                if (row[c] > score || (row[c] == score && c < t))
                {
                    better++;
                }
            }

            if (better < k)
            {
                hits++;
            }
        }

        return hits;
    }

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
