using Crucible.Host.SystemMetrics;

namespace Crucible.Host.Tests.SystemMetrics;

/// <summary>The /proc readers on files laid out as Linux writes them, then on this machine's own.</summary>
public sealed class MachineReadingsTests : IDisposable
{
    private readonly string proc = Directory.CreateTempSubdirectory("crucible-proc-").FullName;

    public void Dispose() => Directory.Delete(proc, recursive: true);

    [Fact]
    public void Cpu_is_the_busy_share_of_the_jiffies_since_the_last_sample_and_memory_excludes_cache()
    {
        Directory.CreateDirectory(Path.Combine(proc, "net"));
        WriteStat(user: 100, system: 50, idle: 800, iowait: 50);
        File.WriteAllText(Path.Combine(proc, "meminfo"), "MemTotal:       1000000 kB\nMemFree:         200000 kB\nMemAvailable:    600000 kB\nBuffers:          50000 kB\nCached:          250000 kB\nSReclaimable:     50000 kB\n");
        var source = new CpuMemoryMetrics(proc);

        // 300 more jiffies, 150 of them busy (user + system), 150 idle or waiting.
        WriteStat(user: 200, system: 100, idle: 900, iowait: 100);
        var values = source.Sample().ToDictionary();
        values["cpu_utilization_percentage"].Should().BeApproximately(50, 1e-9);
        values["system_memory_usage_megabytes"].Should().BeApproximately(450_000 * 1024 / 1e6, 1e-9);
        values["system_memory_usage_percentage"].Should().BeApproximately(45, 1e-9);
    }

    [Fact]
    public void Network_counts_megabytes_since_sampling_started_over_every_interface()
    {
        Directory.CreateDirectory(Path.Combine(proc, "net"));
        WriteNetDev(loRx: 1000, loTx: 1000, ethRx: 5_000_000, ethTx: 2_000_000);
        var source = new NetworkMetrics(proc);
        WriteNetDev(loRx: 501_000, loTx: 1000, ethRx: 6_000_000, ethTx: 2_250_000);
        var values = source.Sample().ToDictionary();
        values["network_receive_megabytes"].Should().BeApproximately(1.5, 1e-12);
        values["network_transmit_megabytes"].Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void This_machine_reports_every_mlflow_system_metric_but_the_gpu_ones_in_range()
    {
        var sources = new ISystemMetricsSource[] { new CpuMemoryMetrics(), new DiskMetrics(), new NetworkMetrics() };
        var values = sources.SelectMany(s => s.Sample()).ToDictionary();
        values.Keys.Should().BeEquivalentTo(
            "cpu_utilization_percentage", "system_memory_usage_megabytes", "system_memory_usage_percentage",
            "disk_usage_percentage", "disk_usage_megabytes", "disk_available_megabytes",
            "network_receive_megabytes", "network_transmit_megabytes");
        values["cpu_utilization_percentage"].Should().BeInRange(0, 100);
        values["system_memory_usage_percentage"].Should().BeInRange(0.01, 100);
        values["system_memory_usage_megabytes"].Should().BeGreaterThan(1);
        values["disk_usage_megabytes"].Should().BeGreaterThan(1);
        values["disk_available_megabytes"].Should().BeGreaterThan(0);
        values["network_receive_megabytes"].Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Without_an_nvidia_driver_gpus_are_left_out_with_a_reason()
    {
        using var gpus = GpuMetrics.TryOpen(out var reason);
        (gpus is null).Should().Be(reason is not null, "a missing GPU always says why");
    }

    [NvmlFact]
    public void Every_gpu_reports_mlflow_gpu_metric_names_in_range()
    {
        using var gpus = GpuMetrics.TryOpen(out _);
        var values = gpus!.Sample().ToDictionary();
        for (var i = 0; i < gpus.Count; i++)
        {
            values[$"gpu_{i}_utilization_percentage"].Should().BeInRange(0, 100);
            values[$"gpu_{i}_memory_usage_percentage"].Should().BeInRange(0, 100);
            values[$"gpu_{i}_memory_usage_megabytes"].Should().BePositive();
        }
    }

    private void WriteStat(long user, long system, long idle, long iowait) =>
        File.WriteAllText(Path.Combine(proc, "stat"), $"cpu  {user} 0 {system} {idle} {iowait} 0 0 0 0 0\ncpu0 {user} 0 {system} {idle} {iowait} 0 0 0 0 0\nintr 0\n");

    private void WriteNetDev(long loRx, long loTx, long ethRx, long ethTx) =>
        File.WriteAllText(Path.Combine(proc, "net", "dev"),
            "Inter-|   Receive                                                |  Transmit\n" +
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
            $"    lo: {loRx} 10 0 0 0 0 0 0 {loTx} 10 0 0 0 0 0 0\n" +
            $"  eth0: {ethRx} 20 0 0 0 0 0 0 {ethTx} 20 0 0 0 0 0 0\n");
}
