using Crucible.Host.SystemMetrics;

namespace Crucible.Host.Tests.SystemMetrics;

/// <summary>A test that needs an NVIDIA GPU and driver (NVML); skipped, with the reason, elsewhere.</summary>
public sealed class NvmlFactAttribute : FactAttribute
{
    public NvmlFactAttribute()
    {
        using var gpus = GpuMetrics.TryOpen(out var reason);
        if (gpus is null)
        {
            Skip = $"No GPU system metrics to test: {reason}.";
        }
    }
}
