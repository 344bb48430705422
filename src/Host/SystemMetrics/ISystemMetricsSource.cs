namespace Crucible.Host.SystemMetrics;

/// <summary>One kind of machine reading (CPU and memory, disk, network, GPUs), taken once per sample.</summary>
internal interface ISystemMetricsSource
{
    /// <summary>
    /// The current readings by MLflow's metric name without the <c>system/</c> prefix
    /// (<c>cpu_utilization_percentage</c>, ...). A source that fails is left out of that sample.
    /// </summary>
    IEnumerable<KeyValuePair<string, double>> Sample();
}
