using System.Collections.Concurrent;
using Crucible.Host.SystemMetrics;
using Crucible.Host.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Crucible.Host.Tests.SystemMetrics;

public class SystemMetricsSamplerTests
{
    [Fact]
    public async Task Each_tick_records_one_sample_under_system_names_with_the_next_step()
    {
        var clock = new FakeTimeProvider();
        var run = new RecordingRunLog();
        var source = new CountingSource();
        var sampler = SystemMetricsSampler.Start(run, [source], TimeSpan.FromSeconds(10), clock, NullLogger.Instance);
        await using (sampler)
        {
            // Nothing before the first interval has passed (MLflow's first sample comes one interval in).
            run.Points.Should().BeEmpty();

            await TickAsync(clock, sampler, TimeSpan.FromSeconds(10));
            await TickAsync(clock, sampler, TimeSpan.FromSeconds(10));
        }

        run.Points.Should().Equal(
            ("system/cpu_utilization_percentage", 12.3, 0L),
            ("system/network_receive_megabytes", 0.123456, 0L),
            ("system/cpu_utilization_percentage", 12.3, 1L),
            ("system/network_receive_megabytes", 0.123456, 1L));
    }

    [Fact]
    public async Task A_resumed_run_continues_its_steps_and_nothing_is_recorded_after_stopping()
    {
        var clock = new FakeTimeProvider();
        var run = new RecordingRunLog();
        var sampler = SystemMetricsSampler.Start(run, [new CountingSource()], TimeSpan.FromSeconds(1), clock, NullLogger.Instance, firstStep: 7);
        await TickAsync(clock, sampler, TimeSpan.FromSeconds(1));
        await sampler.DisposeAsync();
        var recorded = run.Points.Count;

        clock.Advance(TimeSpan.FromSeconds(5));
        run.Points.Should().HaveCount(recorded);
        run.Points.Select(p => p.Step).Should().AllSatisfy(s => s.Should().Be(7));
    }

    [Fact]
    public async Task A_failing_source_is_skipped_and_the_others_still_recorded()
    {
        var run = new RecordingRunLog();
        await using var sampler = SystemMetricsSampler.Start(run, [new FailingSource(), new CountingSource()], TimeSpan.FromDays(1), new FakeTimeProvider(), NullLogger.Instance);
        sampler.SampleOnce();
        run.Points.Select(p => p.Key).Should().Equal("system/cpu_utilization_percentage", "system/network_receive_megabytes");
    }

    [Theory]
    [InlineData("cpu_utilization_percentage", 12.345, 12.3)]
    [InlineData("system_memory_usage_megabytes", 835.249, 835.2)]
    [InlineData("network_transmit_megabytes", 0.006901999, 0.006901999)]
    public void Values_are_rounded_as_mlflow_rounds_them(string name, double value, double recorded)
    {
        SystemMetricsSampler.Round(name, value).Should().Be(recorded);
    }

    private static async Task TickAsync(FakeTimeProvider clock, SystemMetricsSampler sampler, TimeSpan interval)
    {
        var sampled = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSampled(long step) => sampled.TrySetResult(step);
        sampler.Sampled += OnSampled;
        clock.Advance(interval);
        await sampled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        sampler.Sampled -= OnSampled;
    }

    private sealed class CountingSource : ISystemMetricsSource
    {
        public IEnumerable<KeyValuePair<string, double>> Sample() =>
            [new("cpu_utilization_percentage", 12.34), new("network_receive_megabytes", 0.123456)];
    }

    private sealed class FailingSource : ISystemMetricsSource
    {
        public IEnumerable<KeyValuePair<string, double>> Sample() => throw new IOException("no such file");
    }

    private sealed class RecordingRunLog : IRunLog
    {
        private readonly ConcurrentQueue<(string Key, double Value, long Step)> points = new();

        public IReadOnlyList<(string Key, double Value, long Step)> Points => [.. points];

        public void LogMetric(string key, double value, long step) => points.Enqueue((key, value, step));

        public void LogArtifact(string localPath, string? artifactPath = null)
        {
        }
    }
}
