using Microsoft.Extensions.Logging;

namespace Crucible.Host.SystemMetrics;

/// <summary>The readings this machine offers: CPU and memory, disk and network, and GPUs when NVML sees one (said visibly when not).</summary>
internal static partial class SystemMetricsSources
{
    public static IReadOnlyList<ISystemMetricsSource> ForThisMachine(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var sources = new List<ISystemMetricsSource>();
        if (CpuMemoryMetrics.Available())
        {
            sources.Add(new CpuMemoryMetrics());
            sources.Add(new NetworkMetrics());
        }
        else
        {
            LogNoProc(logger);
        }

        sources.Add(new DiskMetrics());
        if (GpuMetrics.TryOpen(out var reason) is { } gpus)
        {
            LogGpus(logger, gpus.Count);
            sources.Add(gpus);
        }
        else
        {
            LogNoGpu(logger, reason ?? "no GPU");
        }

        return sources;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "System metrics: no system/gpu_* metrics: {Reason}")]
    private static partial void LogNoGpu(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "System metrics: {Count} GPU(s) through NVML")]
    private static partial void LogGpus(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "System metrics: no /proc on this system; CPU, memory and network are not sampled")]
    private static partial void LogNoProc(ILogger logger);
}
