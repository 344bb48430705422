using System.ComponentModel.DataAnnotations;

namespace Crucible.Host.Configuration;

/// <summary>The experiment file's <c>tracking</c> section: where and under which names the run is recorded.</summary>
internal sealed class TrackingOptions
{
    /// <summary>The MLflow experiment. Defaults to null: the experiment file's name without extension. <c>--experiment</c> overrides it.</summary>
    public string? ExperimentName { get; set; }

    /// <summary>
    /// Where runs are recorded: a folder or <c>file:</c> URI, or an <c>http(s)://</c> MLflow server.
    /// Defaults to null: <c>--tracking-uri</c>, then <c>MLFLOW_TRACKING_URI</c>, then <c>./mlruns</c>.
    /// </summary>
    public string? TrackingUri { get; set; }

    /// <summary>The run's display name. Defaults to null (MLflow's generated name).</summary>
    public string? RunName { get; set; }

    /// <summary>Extra tags set on the run. Defaults to none.</summary>
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sample CPU, memory, disk, network (and GPUs through NVML) in the background and record them as
    /// MLflow's <c>system/*</c> metrics. Defaults to true.
    /// </summary>
    public bool SystemMetrics { get; set; } = true;

    /// <summary>Seconds between two system metric samples, as MLflow's sampling interval. Defaults to 10.</summary>
    [Range(0.01, 86400.0)]
    public double SystemMetricsInterval { get; set; } = 10;
}
