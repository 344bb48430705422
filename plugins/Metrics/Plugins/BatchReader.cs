using Crucible.Torch;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>
/// Turns a batch's raw outputs and targets into what the classification metrics count, with tensor
/// operations on the batch's own device; nothing here copies to the host.
/// </summary>
internal static class BatchReader
{
    /// <summary>The number of output columns per sample (1 for a single binary logit).</summary>
    public static long Columns(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var n = output.Dim == 0 ? 1 : output.Size(0);
        return n == 0 ? 1 : output.NumEl / n;
    }

    /// <summary>Outputs as <c>[n, columns]</c> float32.</summary>
    public static Tensor Rows(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Each libtorch call here makes a tensor; a training step of a small model is only a few dozen.
        var columns = Columns(output);
        var rows = output.Detach();
        if (rows.Dim != 2 || rows.Size(1) != columns)
        {
            rows = rows.Reshape([-1, columns]);
        }

        return rows.DType == ScalarType.Float32 ? rows : rows.To(ScalarType.Float32);
    }

    /// <summary>Class labels as int64 <c>[n]</c>: int64 targets as they are, float 0/1 targets rounded.</summary>
    public static Tensor Labels(Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var flat = target.Detach();
        if (flat.Dim != 1)
        {
            flat = flat.Reshape([-1]);
        }

        return flat.DType == ScalarType.Int64 ? flat : flat.Round().To(ScalarType.Int64);
    }

    /// <summary>Predicted classes as int64 <c>[n]</c>: the arg-max of class scores, or for one output, whether it exceeds <paramref name="threshold"/>.</summary>
    public static Tensor Predictions(Tensor rows, double threshold)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Size(1) == 1 ? rows.Reshape([-1]).Gt(threshold).To(ScalarType.Int64) : rows.ArgMax(1);
    }

    /// <summary>The score of class 1 as float32 <c>[n]</c>: the logit itself, or the margin of class 1 over class 0.</summary>
    public static Tensor PositiveScores(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Size(1) == 1 ? rows.Reshape([-1]) : rows.Select(1, 1) - rows.Select(1, 0);
    }

    /// <summary>
    /// Whether each sample's label is among its <paramref name="k"/> highest scores, as int64 0/1
    /// <c>[n]</c>. With one output column every sample counts as a hit, as top-k of one class must.
    /// </summary>
    public static Tensor TopKHits(Tensor rows, Tensor labels, long k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Size(1) == 1)
        {
            return torch.OnesLike(labels);
        }

        var (_, indices) = rows.TopK(System.Math.Min(k, rows.Size(1)), dim: 1);
        // Top-k indices are distinct, so each row holds the label at most once.
        return indices.Eq(labels.Unsqueeze(1)).Sum(1, dtype: ScalarType.Int64);
    }
}
