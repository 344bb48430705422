using System.Globalization;
using System.Text;

namespace Crucible.Plugins.Metrics.Math;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = truth, column = prediction, as
/// scikit-learn's <c>confusion_matrix</c>. Precision, recall and F1 are derived from it.
/// </summary>
internal sealed class ConfusionMatrix
{
    private readonly long[] counts;

    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Classes = classes;
        counts = new long[classes * classes];
    }

    public int Classes { get; }

    /// <summary>Number of samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>The count of samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => counts[(truth * Classes) + predicted];

    /// <summary>Builds the matrix of <paramref name="predicted"/> against <paramref name="truth"/>.</summary>
    public static ConfusionMatrix From(ReadOnlySpan<long> predicted, ReadOnlySpan<long> truth, int classes)
    {
        var m = new ConfusionMatrix(classes);
        m.Add(predicted, truth);
        return m;
    }

    /// <summary>Adds a batch of predictions.</summary>
    public void Add(ReadOnlySpan<long> predicted, ReadOnlySpan<long> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"{predicted.Length} predictions but {truth.Length} labels.");
        }

        for (var i = 0; i < predicted.Length; i++)
        {
            var t = truth[i];
            var p = predicted[i];
            if (t < 0 || t >= Classes || p < 0 || p >= Classes)
            {
                throw new ArgumentOutOfRangeException(nameof(truth), $"Class {(t < 0 || t >= Classes ? t : p)} is outside 0..{Classes - 1}.");
            }

            counts[(t * Classes) + p]++;
        }

        Total += predicted.Length;
    }

    /// <summary>Fraction of samples on the diagonal.</summary>
    public double Accuracy()
    {
        long correct = 0;
        for (var c = 0; c < Classes; c++)
        {
            correct += this[c, c];
        }

        return Total == 0 ? 0 : (double)correct / Total;
    }

    public long TruePositives(int c) => this[c, c];

    public long FalsePositives(int c)
    {
        long sum = 0;
        for (var t = 0; t < Classes; t++)
        {
            sum += t == c ? 0 : this[t, c];
        }

        return sum;
    }

    public long FalseNegatives(int c)
    {
        long sum = 0;
        for (var p = 0; p < Classes; p++)
        {
            sum += p == c ? 0 : this[c, p];
        }

        return sum;
    }

    /// <summary>Number of samples whose true class is <paramref name="c"/>.</summary>
    public long Support(int c) => TruePositives(c) + FalseNegatives(c);

    /// <summary>Precision: of those predicted <c>c</c>, the fraction that are. 0 when none were predicted (scikit-learn's zero_division=0).</summary>
    public double Precision(Averaging average, int positiveClass = 1) =>
        Combine(average, positiveClass, c => Ratio(TruePositives(c), TruePositives(c) + FalsePositives(c)), micro: (tp, fp, fn) => Ratio(tp, tp + fp));

    /// <summary>Recall: of those truly <c>c</c>, the fraction predicted so.</summary>
    public double Recall(Averaging average, int positiveClass = 1) =>
        Combine(average, positiveClass, c => Ratio(TruePositives(c), TruePositives(c) + FalseNegatives(c)), micro: (tp, fp, fn) => Ratio(tp, tp + fn));

    /// <summary>F1, the harmonic mean of precision and recall: 2tp / (2tp + fp + fn).</summary>
    public double F1(Averaging average, int positiveClass = 1) =>
        Combine(average, positiveClass, c => Ratio(2 * TruePositives(c), (2 * TruePositives(c)) + FalsePositives(c) + FalseNegatives(c)), micro: (tp, fp, fn) => Ratio(2 * tp, (2 * tp) + fp + fn));

    /// <summary>The matrix as CSV: a header of predicted class names, then one row per true class.</summary>
    public string ToCsv(IReadOnlyList<string>? classNames = null)
    {
        var names = Names(classNames);
        var sb = new StringBuilder();
        sb.Append("true\\predicted");
        foreach (var n in names)
        {
            sb.Append(',').Append(Quote(n));
        }

        sb.Append('\n');
        for (var t = 0; t < Classes; t++)
        {
            sb.Append(Quote(names[t]));
            for (var p = 0; p < Classes; p++)
            {
                sb.Append(',').Append(this[t, p].ToString(CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The class names to show: the given ones, or the indices.</summary>
    public IReadOnlyList<string> Names(IReadOnlyList<string>? classNames)
    {
        if (classNames is not null && classNames.Count != Classes)
        {
            throw new ArgumentException($"{classNames.Count} class names for {Classes} classes.", nameof(classNames));
        }

        return classNames ?? Enumerable.Range(0, Classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private double Combine(Averaging average, int positiveClass, Func<int, double> perClass, Func<long, long, long, double> micro)
    {
        switch (average)
        {
            case Averaging.Binary:
                if (Classes != 2)
                {
                    throw new InvalidOperationException($"Binary averaging needs two classes, not {Classes}; use macro, micro or weighted.");
                }

                return perClass(positiveClass);
            case Averaging.Macro:
                return Enumerable.Range(0, Classes).Average(perClass);
            case Averaging.Weighted:
                {
                    double sum = 0;
                    long support = 0;
                    for (var c = 0; c < Classes; c++)
                    {
                        sum += perClass(c) * Support(c);
                        support += Support(c);
                    }

                    return support == 0 ? 0 : sum / support;
                }

            case Averaging.Micro:
                {
                    long tp = 0, fp = 0, fn = 0;
                    for (var c = 0; c < Classes; c++)
                    {
                        tp += TruePositives(c);
                        fp += FalsePositives(c);
                        fn += FalseNegatives(c);
                    }

                    return micro(tp, fp, fn);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(average), average, "Unknown averaging.");
        }
    }
}
