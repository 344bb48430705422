using Crucible.Abstractions;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Crucible.Tracking.Recording;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// The run being recorded: the tracking engineer's <see cref="RunRecorder"/> (enqueue only, crash-safe
/// outbox) for everything logged, plus the store for reading back (a resume's checkpoint).
/// </summary>
internal sealed partial class TrackedRun : IRunLog, IAsyncDisposable
{
    private readonly ITrackingStore store;
    private readonly RunRecorder recorder;

    private TrackedRun(ITrackingStore store, RunRecorder recorder, string experimentName, long nextSystemMetricsStep = 0)
    {
        this.store = store;
        this.recorder = recorder;
        ExperimentName = experimentName;
        NextSystemMetricsStep = nextSystemMetricsStep;
    }

    /// <summary>Where the system metrics' steps go on: 0 for a new run, after the last recorded one for a resumed run (as MLflow's resume_logging).</summary>
    public long NextSystemMetricsStep { get; }

    public string RunId => recorder.RunId;

    public string ExperimentName { get; }

    public static async Task<TrackedRun> StartAsync(
        string trackingUri, string experimentName, string? runName, IReadOnlyDictionary<string, string> tags, string sourceDirectory, ILogger logger)
    {
        var store = TrackingStoreFactory.Create(trackingUri);
        try
        {
            var recorder = await RunRecorder.StartAsync(
                store,
                new RunStartOptions
                {
                    ExperimentName = experimentName,
                    RunName = runName,
                    Tags = SecretMasker.MaskAll(tags),
                    SourceDirectory = sourceDirectory,
                },
                logger: logger).ConfigureAwait(false);
            return new TrackedRun(store, recorder, experimentName);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads what a resume of run <paramref name="runId"/> needs, without touching the run: downloads
    /// its last checkpoint (and its best one, when there is one) and its recorded <c>experiment.json</c>
    /// into <paramref name="destination"/>. A run that cannot be resumed is a <see cref="ResumeException"/>.
    /// </summary>
    public static async Task<ResumePoint> ReadResumePointAsync(string trackingUri, string runId, string destination)
    {
        using var store = TrackingStoreFactory.Create(trackingUri);
        try
        {
            _ = await store.GetRunAsync(runId).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            throw new ResumeException($"--resume {runId}: there is no such run in {store.TrackingUri}. Check the run id and the tracking URI.");
        }

        var last = await TryDownloadAsync(store, runId, Checkpointer.LastArtifactPath, Path.Combine(destination, "last")).ConfigureAwait(false)
            ?? throw new ResumeException($"--resume {runId}: the run has no '{Checkpointer.LastArtifactPath}' artifact; only runs recorded with checkpointing enabled can be resumed.");
        var best = await TryDownloadAsync(store, runId, Checkpointer.BestArtifactPath, Path.Combine(destination, "best")).ConfigureAwait(false);
        string? recorded = null;
        var listing = await store.ListArtifactsAsync(runId).ConfigureAwait(false);
        if (listing.Any(a => !a.IsDirectory && a.Path == RecordedExperimentArtifact))
        {
            var folder = Path.Combine(destination, "experiment");
            Directory.CreateDirectory(folder);
            var downloaded = await store.DownloadArtifactsAsync(runId, RecordedExperimentArtifact, folder).ConfigureAwait(false);
            recorded = File.Exists(downloaded) ? downloaded : Path.Combine(folder, RecordedExperimentArtifact);
        }

        return new ResumePoint(runId, last, best, recorded);
    }

    /// <summary>The artifact holding the resolved experiment a run trained (what a replay or a resume runs).</summary>
    public const string RecordedExperimentArtifact = "experiment.json";

    /// <summary>Sets run <paramref name="runId"/> back to RUNNING to continue recording into it (after every check passed).</summary>
    public static async Task<TrackedRun> ReopenAsync(string trackingUri, string runId, ILogger logger)
    {
        var store = TrackingStoreFactory.Create(trackingUri);
        try
        {
            var existing = await store.GetRunAsync(runId).ConfigureAwait(false);
            if (existing.Info.Status == RunStatus.Running)
            {
                LogResumingRunning(logger, runId);
            }

            var experiment = await store.GetExperimentAsync(existing.Info.ExperimentId).ConfigureAwait(false);
            var recorder = await RunRecorder.ResumeAsync(store, runId, logger: logger).ConfigureAwait(false);
            var systemSteps = existing.Data.Metrics.Where(m => m.Key.StartsWith(SystemMetrics.SystemMetricsSampler.Prefix, StringComparison.Ordinal)).Select(m => m.Step + 1).DefaultIfEmpty(0).Max();
            return new TrackedRun(store, recorder, experiment.Name, systemSteps);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void LogMetric(string key, double value, long step) => recorder.LogMetric(key, value, step);

    public void LogArtifact(string localPath, string? artifactPath = null) => recorder.LogArtifact(localPath, artifactPath);

    public void LogParams(IReadOnlyDictionary<string, string> parameters) => recorder.LogParams(parameters);

    public void SetTag(string key, string value) => recorder.SetTag(key, SecretMasker.MaskValue(key, value) ?? string.Empty);

    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            SetTag(key, value);
        }
    }

    /// <summary>Records the dataset as the run's training input (MLflow dataset tracking).</summary>
    public void LogInput(DatasetMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var digest = string.IsNullOrEmpty(metadata.Digest) ? "unknown" : metadata.Digest;
        var source = SecretMasker.MaskUriCredentials(metadata.Source);
        recorder.LogInput(DatasetInput.WithContext(
            new Dataset(metadata.Name, digest, SourceType(source), source, metadata.Schema),
            "training"));
    }

    /// <summary>Downloads an artifact folder of a run, or returns null when the run has no such artifact.</summary>
    private static async Task<string?> TryDownloadAsync(ITrackingStore store, string runId, string artifactPath, string destination)
    {
        var parent = Path.GetDirectoryName(artifactPath)?.Replace('\\', '/');
        var listing = await store.ListArtifactsAsync(runId, string.IsNullOrEmpty(parent) ? null : parent).ConfigureAwait(false);
        if (!listing.Any(a => a.IsDirectory && a.Path.TrimEnd('/') == artifactPath))
        {
            return null;
        }

        Directory.CreateDirectory(destination);
        return await store.DownloadArtifactsAsync(runId, artifactPath, destination).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the run and waits for the store (what it cannot take stays in the outbox for
    /// <c>crucible sync</c>; the recorder warns about it). A failure's <paramref name="errorSummary"/>
    /// becomes the <c>crucible.error</c> tag and <paramref name="errorDetails"/> the <c>error.txt</c> artifact.
    /// </summary>
    public async Task EndAsync(RunStatus status, string? errorDetails = null, string? errorSummary = null) =>
        await recorder.EndAsync(status, errorDetails, errorSummary ?? errorDetails).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await recorder.DisposeAsync().ConfigureAwait(false);
        store.Dispose();
    }

    private static string SourceType(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "http"
        : source.Length == 0 ? "code"
        : "local";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is still marked RUNNING (its process may have died); resuming it anyway")]
    private static partial void LogResumingRunning(ILogger logger, string runId);
}
