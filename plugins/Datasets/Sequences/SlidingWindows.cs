using Crucible.Abstractions;
using Crucible.Plugins.Datasets.Common;

namespace Crucible.Plugins.Datasets.Sequences;

/// <summary>
/// Turns a series of T steps with F values each into supervised samples: the input is
/// <c>window</c> consecutive steps ([window, F]) and the target the chosen columns
/// <c>horizon</c> steps after the window's last one. The split is chronological: test samples are
/// those whose target lies in the last part of the series, and the scaler is fitted on the
/// training steps only, so nothing about the future leaks into training.
/// With differencing, the inputs are the step-to-step changes and the target is the change from the
/// window's last step to the target step: a level forecast is that last level plus the predicted
/// change, so its error equals the change's error, in the same units.
/// </summary>
internal static class SlidingWindows
{
    /// <summary>The windows of a series, split in time and scaled.</summary>
    /// <param name="Splits">Train, validation and test samples.</param>
    /// <param name="Scaler">The per-column scaler fitted on the training steps.</param>
    /// <param name="NaiveTest">The last-value forecast of each test sample in scaled units (the baseline to beat), or null without test samples.</param>
    public sealed record Result(PreparedSplits Splits, ColumnScaler Scaler, float[]? NaiveTest);

    /// <param name="series">Steps, each with the same number of values.</param>
    /// <param name="window">Steps per input sample.</param>
    /// <param name="horizon">How many steps after the window the target lies (1 = the next step).</param>
    /// <param name="targetColumns">The columns forecast; null means all.</param>
    /// <param name="validationFraction">Fraction of the samples, before the test part, held out for validation.</param>
    /// <param name="testFraction">Fraction of the samples at the end of the series held out for testing.</param>
    /// <param name="scaling">How values are rescaled.</param>
    /// <param name="difference">Whether inputs and targets are changes rather than levels.</param>
    public static Result Create(
        IReadOnlyList<float[]> series,
        int window,
        int horizon,
        IReadOnlyList<int>? targetColumns,
        double validationFraction,
        double testFraction,
        Scaling scaling,
        bool difference = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var width = series.Count == 0 ? 0 : series[0].Length;
        var flat = new float[series.Count * width];
        for (var t = 0; t < series.Count; t++)
        {
            if (series[t].Length != width)
            {
                throw new CrucibleException($"Step {t} of the series has {series[t].Length} values, not {width}.");
            }

            series[t].CopyTo(flat, t * width);
        }

        if (difference)
        {
            flat = Differences(flat, width);
        }

        // Differencing drops the first step: the first change is step 1's.
        var steps = difference ? Math.Max(series.Count - 1, 0) : series.Count;
        var samples = steps - window - horizon + 1;
        if (samples < 2)
        {
            throw new CrucibleException($"A series of {series.Count} steps is too short for windows of {window} and a horizon of {horizon}{(difference ? " after differencing" : string.Empty)}.");
        }

        var targets = targetColumns?.ToArray() ?? Enumerable.Range(0, width).ToArray();
        if (targets.Any(c => c < 0 || c >= width))
        {
            throw new CrucibleException($"Target columns [{string.Join(", ", targets)}] are out of range for a series of {width} columns.");
        }

        var split = SplitIndices.Create(samples, validationFraction, testFraction, seed: 0, shuffle: false);

        // The last training sample's target is the last step the scaler may see.
        var trainSteps = split.Train.Length == 0 ? steps : split.Train[^1] + window + horizon;
        var scaler = ColumnScaler.Fit(flat.AsSpan(0, trainSteps * width), width, scaling);

        // Targets are taken before scaling: a change over several steps is a sum of unscaled changes.
        var y = new float[samples * targets.Length];
        for (var s = 0; s < samples; s++)
        {
            var targetStep = s + window + horizon - 1;
            for (var k = 0; k < targets.Length; k++)
            {
                double value = flat[(targetStep * width) + targets[k]];
                if (difference)
                {
                    for (var h = 1; h < horizon; h++)
                    {
                        value += flat[((targetStep - h) * width) + targets[k]];
                    }
                }

                y[(s * targets.Length) + k] = (float)((value - scaler.Offset[targets[k]]) / scaler.Scale[targets[k]]);
            }
        }

        scaler.Transform(flat);
        var features = new float[samples * window * width];
        for (var s = 0; s < samples; s++)
        {
            Array.Copy(flat, s * width, features, s * window * width, window * width);
        }

        var all = new SampleSet(features, [window, width], null, y, targets.Length);
        var train = all.Subset(split.Train);
        var validation = split.Validation.Length > 0 ? all.Subset(split.Validation) : null;
        var test = split.Test.Length > 0 ? all.Subset(split.Test) : null;
        float[]? naive = null;
        if (test is not null)
        {
            naive = new float[split.Test.Length * targets.Length];
            for (var i = 0; i < split.Test.Length; i++)
            {
                var lastStep = split.Test[i] + window - 1;
                for (var k = 0; k < targets.Length; k++)
                {
                    // Repeating the last level is a change of zero.
                    naive[(i * targets.Length) + k] = difference
                        ? (float)(-scaler.Offset[targets[k]] / scaler.Scale[targets[k]])
                        : flat[(lastStep * width) + targets[k]];
                }
            }
        }

        return new Result(new PreparedSplits(train, validation, test, scaler), scaler, naive);
    }

    /// <summary>Step-to-step changes of rows of <paramref name="width"/> values: one row fewer.</summary>
    private static float[] Differences(float[] flat, int width)
    {
        var result = new float[Math.Max(flat.Length - width, 0)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = flat[i + width] - flat[i];
        }

        return result;
    }
}
