using System.Globalization;

namespace Crucible.Host.SystemMetrics;

/// <summary>
/// CPU utilization since the previous sample and system memory in use, read from Linux's
/// <c>/proc/stat</c> and <c>/proc/meminfo</c> the way psutil (and so MLflow) computes them:
/// busy is everything but idle and iowait; used memory is total - free - buffers - cache.
/// </summary>
internal sealed class CpuMemoryMetrics : ISystemMetricsSource
{
    private readonly string procRoot;
    private (ulong Busy, ulong Total)? previous;

    public CpuMemoryMetrics(string procRoot = "/proc")
    {
        this.procRoot = procRoot;
        previous = ReadCpu();
    }

    /// <summary>True where the readings exist (Linux).</summary>
    public static bool Available(string procRoot = "/proc") => File.Exists(Path.Combine(procRoot, "stat")) && File.Exists(Path.Combine(procRoot, "meminfo"));

    public IEnumerable<KeyValuePair<string, double>> Sample()
    {
        var result = new List<KeyValuePair<string, double>>();
        if (ReadCpu() is { } now)
        {
            if (previous is { } before)
            {
                // No clock tick since the last sample (samples closer than the kernel's 10 ms): 0, as psutil says.
                var jiffies = now.Total - before.Total;
                result.Add(new("cpu_utilization_percentage", jiffies == 0 ? 0 : 100.0 * (now.Busy - before.Busy) / jiffies));
            }

            previous = now;
        }

        var memory = ReadMemory();
        if (memory.TryGetValue("MemTotal", out var total) && memory.TryGetValue("MemFree", out var free) && total > 0)
        {
            var used = total - free - memory.GetValueOrDefault("Buffers") - memory.GetValueOrDefault("Cached") - memory.GetValueOrDefault("SReclaimable");
            if (used < 0)
            {
                used = total - free;
            }

            result.Add(new("system_memory_usage_megabytes", used / 1e6));
            result.Add(new("system_memory_usage_percentage", 100.0 * used / total));
        }

        return result;
    }

    private (ulong Busy, ulong Total)? ReadCpu()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (jiffies);
            // guest time is already counted in user and nice.
            var line = File.ReadLines(Path.Combine(procRoot, "stat")).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            ulong total = 0;
            foreach (var f in fields)
            {
                total += f;
            }

            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>/proc/meminfo in bytes by field name.</summary>
    private Dictionary<string, double> ReadMemory()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(procRoot, "meminfo")))
            {
                // "MemTotal:       24570420 kB"
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    result[line[..colon]] = parts.Length > 1 && parts[1] == "kB" ? value * 1024 : value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return result;
    }
}
