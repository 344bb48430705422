namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// A per-column affine map <c>(x - offset) / scale</c> fitted on the training split only, so no
/// statistic of the validation or test data leaks into training.
/// </summary>
internal sealed class ColumnScaler
{
    private ColumnScaler(Scaling kind, double[] offset, double[] scale)
    {
        Kind = kind;
        Offset = offset;
        Scale = scale;
    }

    public Scaling Kind { get; }

    /// <summary>Subtracted from each column (mean or minimum).</summary>
    public IReadOnlyList<double> Offset { get; }

    /// <summary>Divides each column after the offset (standard deviation or range); 1 for a constant column.</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>A scaler from statistics fitted elsewhere (a streaming pass).</summary>
    public static ColumnScaler FromStatistics(Scaling kind, double[] offset, double[] scale) => new(kind, offset, scale);

    /// <summary>
    /// Fits on <paramref name="values"/> holding rows of <paramref name="columns"/> values. Standard
    /// deviation is the population one (ddof = 0), as scikit-learn's StandardScaler uses.
    /// </summary>
    public static ColumnScaler Fit(ReadOnlySpan<float> values, int columns, Scaling kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var rows = values.Length / columns;
        var offset = new double[columns];
        var scale = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            switch (kind)
            {
                case Scaling.None:
                    offset[c] = 0;
                    scale[c] = 1;
                    break;
                case Scaling.Standardize:
                    {
                        double sum = 0;
                        for (var r = 0; r < rows; r++)
                        {
                            sum += values[(r * columns) + c];
                        }

                        var mean = rows == 0 ? 0 : sum / rows;
                        double squares = 0;
                        for (var r = 0; r < rows; r++)
                        {
                            var d = values[(r * columns) + c] - mean;
                            squares += d * d;
                        }

                        var std = rows == 0 ? 0 : Math.Sqrt(squares / rows);
                        offset[c] = mean;
                        scale[c] = std > 0 ? std : 1;
                        break;
                    }

                case Scaling.MinMax:
                    {
                        var min = double.PositiveInfinity;
                        var max = double.NegativeInfinity;
                        for (var r = 0; r < rows; r++)
                        {
                            var v = values[(r * columns) + c];
                            min = Math.Min(min, v);
                            max = Math.Max(max, v);
                        }

                        if (rows == 0)
                        {
                            min = 0;
                            max = 1;
                        }

                        offset[c] = min;
                        scale[c] = max > min ? max - min : 1;
                        break;
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scaling.");
            }
        }

        return new ColumnScaler(kind, offset, scale);
    }

    /// <summary>Rescales <paramref name="values"/> (rows of the fitted column count) in place.</summary>
    public void Transform(Span<float> values)
    {
        var columns = Offset.Count;
        for (var i = 0; i < values.Length; i++)
        {
            var c = i % columns;
            values[i] = (float)((values[i] - Offset[c]) / Scale[c]);
        }
    }

    /// <summary>Maps one scaled value of column <paramref name="column"/> back to original units.</summary>
    public double Inverse(double value, int column) => (value * Scale[column]) + Offset[column];
}
