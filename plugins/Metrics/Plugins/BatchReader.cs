using Crucible.Torch;

namespace Crucible.Plugins.Metrics.Plugins;

/// <summary>
/// Reads a batch's outputs and targets into host arrays. The metrics keep exact epoch-wide counts
/// on the host: one small copy per batch, which on a CPU costs nothing and keeps every metric exact.
/// </summary>
internal static class BatchReader
{
    /// <summary>Outputs as float32 values, row-major, with the number of columns per sample.</summary>
    public static (float[] Values, int Columns) Outputs(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var scope = torch.NewDisposeScope();
        var n = output.Dim == 0 ? 1 : output.Size(0);
        var cpu = output.Detach().To(Device.Cpu, ScalarType.Float32).Contiguous();
        var values = cpu.ToArray<float>();
        return (values, n == 0 ? 1 : (int)(values.Length / n));
    }

    /// <summary>Class labels: int64 targets as they are, float 0/1 targets rounded.</summary>
    public static long[] Labels(Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        var cpu = target.Detach().To(Device.Cpu).Contiguous();
        return cpu.DType == ScalarType.Int64
            ? cpu.ToArray<long>()
            : Array.ConvertAll(cpu.To(ScalarType.Float32).ToArray<float>(), v => (long)System.Math.Round(v));
    }

    /// <summary>Predicted classes: the arg-max of class scores, or for one output, whether it exceeds <paramref name="threshold"/>.</summary>
    public static long[] Predictions(float[] values, int columns, double threshold) =>
        columns == 1
            ? Array.ConvertAll(values, v => v > threshold ? 1L : 0L)
            : Math.ClassificationMath.ArgMax(values, columns);
}
