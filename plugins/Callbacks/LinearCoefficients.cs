using Crucible.Abstractions;

namespace Crucible.Plugins.Callbacks;

/// <summary>
/// A linear map <c>y[o] = Σ Slopes[o, f] x[f] + Intercepts[o]</c> in the data's own units.
/// </summary>
internal sealed record LinearCoefficients(double[,] Slopes, double[] Intercepts)
{
    public int Outputs => Intercepts.Length;

    public int Features => Slopes.GetLength(1);

    /// <summary>
    /// Undoes the scaling around a layer trained on scaled data. With <c>x' = (x - m) / s</c> and
    /// <c>y = y' t + c</c>, the layer's <c>y' = W x' + b</c> is, in raw units,
    /// <c>y = (t W / s) x + t (b - Σ W m / s) + c</c>.
    /// </summary>
    /// <param name="weight">The layer's weight, [outputs, features], as trained.</param>
    /// <param name="bias">The layer's bias per output, or null (zero).</param>
    /// <param name="features">The dataset's feature scaling (by feature column, modulo its count), or null.</param>
    /// <param name="targets">The dataset's target scaling by output, or null.</param>
    public static LinearCoefficients FromScaled(double[,] weight, double[]? bias, ColumnScaling? features, ColumnScaling? targets)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var outputs = weight.GetLength(0);
        var inputs = weight.GetLength(1);
        var slopes = new double[outputs, inputs];
        var intercepts = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            var t = targets?.Scale[o] ?? 1.0;
            var c = targets?.Offset[o] ?? 0.0;
            var shift = bias?[o] ?? 0.0;
            for (var f = 0; f < inputs; f++)
            {
                var column = features is null ? 0 : f % features.Scale.Count;
                var s = features?.Scale[column] ?? 1.0;
                var m = features?.Offset[column] ?? 0.0;
                slopes[o, f] = t * weight[o, f] / s;
                shift -= weight[o, f] * m / s;
            }

            intercepts[o] = (t * shift) + c;
        }

        return new LinearCoefficients(slopes, intercepts);
    }
}
