using Crucible.Host.Training;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.SystemMetrics;

/// <summary>
/// Samples the machine in the background every interval and records each reading as
/// <c>system/&lt;name&gt;</c> with steps 0, 1, 2, ..., as MLflow's <c>log_system_metrics</c> does
/// (first sample one interval after the start, none at the end; CPU, memory and disk rounded to
/// one decimal, the cumulative network counts not), so MLflow's UI shows its system metrics charts.
/// </summary>
internal sealed partial class SystemMetricsSampler : IAsyncDisposable
{
    public const string Prefix = "system/";

    private readonly IRunLog run;
    private readonly IReadOnlyList<ISystemMetricsSource> sources;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer;
    private readonly Task loop;
    private long step;

    private SystemMetricsSampler(IRunLog run, IReadOnlyList<ISystemMetricsSource> sources, TimeSpan interval, TimeProvider clock, long firstStep, ILogger logger)
    {
        this.run = run;
        this.sources = sources;
        this.logger = logger;
        step = firstStep;
        timer = new PeriodicTimer(interval, clock);
        loop = Task.Run(LoopAsync);
    }

    /// <summary>Raised after each sample is recorded, with its step (tests wait on it instead of sleeping).</summary>
    public event Action<long>? Sampled;

    /// <summary>
    /// Starts sampling <paramref name="sources"/> into <paramref name="run"/> every <paramref name="interval"/>
    /// on <paramref name="clock"/>; steps continue from <paramref name="firstStep"/> (a resumed run's next one).
    /// </summary>
    public static SystemMetricsSampler Start(IRunLog run, IReadOnlyList<ISystemMetricsSource> sources, TimeSpan interval, TimeProvider clock, ILogger logger, long firstStep = 0)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new SystemMetricsSampler(run, sources, interval, clock, firstStep, logger);
    }

    /// <summary>Rounds as MLflow does: averages to one decimal, cumulative network counts as they are.</summary>
    public static double Round(string name, double value) =>
        name.StartsWith("network_", StringComparison.Ordinal) ? value : Math.Round(value, 1, MidpointRounding.ToEven);

    /// <summary>Takes one sample now and records it with the next step.</summary>
    public void SampleOnce()
    {
        var taken = false;
        foreach (var source in sources)
        {
            try
            {
                foreach (var (name, value) in source.Sample())
                {
                    if (double.IsFinite(value))
                    {
                        run.LogMetric(Prefix + name, Round(name, value), step);
                        taken = true;
                    }
                }
            }
#pragma warning disable CA1031 // A machine reading that fails must never stop training; it is reported and skipped.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSourceFailed(logger, source.GetType().Name, e.Message);
            }
        }

        if (taken)
        {
            Sampled?.Invoke(step);
            step++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        timer.Dispose();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var source in sources)
        {
            (source as IDisposable)?.Dispose();
        }

        stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
        {
            SampleOnce();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "System metrics: the {Source} reading failed and is skipped: {Message}")]
    private static partial void LogSourceFailed(ILogger logger, string source, string message);
}
