namespace Crucible.Plugins.Datasets.Common;

/// <summary>
/// Fits a <see cref="ColumnScaler"/> in one pass over rows that are never held together: Welford's
/// running mean and sum of squared deviations (the population standard deviation, as the in-memory
/// fit), or running minimum and maximum.
/// </summary>
internal sealed class StreamingScalerFit(int columns, Scaling kind)
{
    private readonly double[] mean = new double[columns];
    private readonly double[] squares = new double[columns];
    private readonly double[] min = Enumerable.Repeat(double.PositiveInfinity, columns).ToArray();
    private readonly double[] max = Enumerable.Repeat(double.NegativeInfinity, columns).ToArray();
    private long rows;

    public void Add(ReadOnlySpan<float> row)
    {
        rows++;
        for (var c = 0; c < columns; c++)
        {
            double v = row[c];
            var delta = v - mean[c];
            mean[c] += delta / rows;
            squares[c] += delta * (v - mean[c]);
            min[c] = Math.Min(min[c], v);
            max[c] = Math.Max(max[c], v);
        }
    }

    public ColumnScaler Scaler()
    {
        var offset = new double[columns];
        var scale = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            switch (kind)
            {
                case Scaling.Standardize:
                    var std = rows == 0 ? 0 : Math.Sqrt(squares[c] / rows);
                    (offset[c], scale[c]) = (rows == 0 ? 0 : mean[c], std > 0 ? std : 1);
                    break;
                case Scaling.MinMax:
                    (offset[c], scale[c]) = rows == 0 ? (0, 1) : (min[c], max[c] > min[c] ? max[c] - min[c] : 1);
                    break;
                default:
                    (offset[c], scale[c]) = (0, 1);
                    break;
            }
        }

        return ColumnScaler.FromStatistics(kind, offset, scale);
    }
}
