using System.Globalization;
using System.Runtime.InteropServices;

namespace Crucible.Host.SystemMetrics;

/// <summary>
/// Per-GPU utilization, memory and power through NVIDIA's management library (NVML, the
/// <c>libnvidia-ml.so.1</c> every NVIDIA driver installs), under MLflow's names
/// <c>gpu_{i}_utilization_percentage</c>, <c>gpu_{i}_memory_usage_megabytes</c>,
/// <c>gpu_{i}_memory_usage_percentage</c>, <c>gpu_{i}_power_usage_watts</c>, <c>gpu_{i}_power_usage_percentage</c>.
/// </summary>
internal sealed partial class GpuMetrics : ISystemMetricsSource, IDisposable
{
    private const string Library = "libnvidia-ml.so.1";
    private readonly nint[] devices;

    private GpuMetrics(nint[] devices)
    {
        this.devices = devices;
    }

    public int Count => devices.Length;

    /// <summary>NVML's GPUs, or null with the reason when there is no driver or no GPU.</summary>
    public static GpuMetrics? TryOpen(out string? reason)
    {
        try
        {
            var status = Nvml.Init();
            if (status != 0)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"NVML did not start (error {status})");
                return null;
            }

            if (Nvml.DeviceCount(out var count) != 0 || count == 0)
            {
                _ = Nvml.Shutdown();
                reason = "NVML sees no GPU";
                return null;
            }

            var devices = new nint[count];
            for (var i = 0; i < count; i++)
            {
                if (Nvml.DeviceHandle((uint)i, out devices[i]) != 0)
                {
                    _ = Nvml.Shutdown();
                    reason = string.Create(CultureInfo.InvariantCulture, $"NVML cannot open GPU {i}");
                    return null;
                }
            }

            reason = null;
            return new GpuMetrics(devices);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            reason = $"no NVIDIA driver ({Library} not found)";
            return null;
        }
    }

    public IEnumerable<KeyValuePair<string, double>> Sample()
    {
        var result = new List<KeyValuePair<string, double>>();
        for (var i = 0; i < devices.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"gpu_{i}_");
            if (Nvml.Utilization(devices[i], out var utilization) == 0)
            {
                result.Add(new(prefix + "utilization_percentage", utilization.Gpu));
            }

            if (Nvml.Memory(devices[i], out var memory) == 0 && memory.Total > 0)
            {
                result.Add(new(prefix + "memory_usage_megabytes", memory.Used / 1e6));
                result.Add(new(prefix + "memory_usage_percentage", 100.0 * memory.Used / memory.Total));
            }

            if (Nvml.Power(devices[i], out var milliwatts) == 0)
            {
                result.Add(new(prefix + "power_usage_watts", milliwatts / 1000.0));
                if (Nvml.PowerLimit(devices[i], out var limit) == 0 && limit > 0)
                {
                    result.Add(new(prefix + "power_usage_percentage", 100.0 * milliwatts / limit));
                }
            }
        }

        return result;
    }

    public void Dispose() => _ = Nvml.Shutdown();

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlUtilization
    {
        public uint Gpu;
        public uint Memory;
    }

    /// <summary>The few NVML calls used; each returns NVML's status, 0 for success.</summary>
    private static partial class Nvml
    {
        [LibraryImport(Library, EntryPoint = "nvmlInit_v2")]
        public static partial int Init();

        [LibraryImport(Library, EntryPoint = "nvmlShutdown")]
        public static partial int Shutdown();

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetCount_v2")]
        public static partial int DeviceCount(out uint count);

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
        public static partial int DeviceHandle(uint index, out nint device);

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetUtilizationRates")]
        public static partial int Utilization(nint device, out NvmlUtilization utilization);

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetMemoryInfo")]
        public static partial int Memory(nint device, out NvmlMemory memory);

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetPowerUsage")]
        public static partial int Power(nint device, out uint milliwatts);

        [LibraryImport(Library, EntryPoint = "nvmlDeviceGetEnforcedPowerLimit")]
        public static partial int PowerLimit(nint device, out uint milliwatts);
    }
}
