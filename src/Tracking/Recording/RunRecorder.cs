using System.Collections.Concurrent;
using System.Threading.Channels;
using Crucible.Tracking.Model;
using Crucible.Tracking.Outbox;
using Crucible.Tracking.Recording;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Tracking.Recording;

/// <summary>
/// Records one run without ever slowing training: <see cref="LogMetric(string, double, long)"/> and
/// friends only validate and enqueue. A background writer appends each batch (by count or time
/// window) to the run's crash-safe outbox (fsync'd) and then, separately, delivers it to the store;
/// a store that is down only makes the outbox grow. <see cref="EndAsync(RunStatus, Exception?, CancellationToken)"/>
/// flushes and waits; what the store still lacks then is delivered by <see cref="OutboxReplayer"/>
/// (<c>crucible sync</c>).
/// </summary>
public sealed partial class RunRecorder : IAsyncDisposable
{
    private readonly ITrackingStore store;
    private readonly RecorderOptions options;
    private readonly ILogger logger;
    private readonly RunOutbox outbox;
    private readonly OutboxDelivery delivery;
    private readonly Channel<OutboxRecord> queue;
    private readonly ConcurrentDictionary<string, byte> validMetricKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> loggedParams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> recordedThroughStep = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim persistedSignal = new(0);
    private readonly SemaphoreSlim flushSignal = new(0);
    private readonly CancellationTokenSource stopDelivery = new();
    private readonly Task persistLoop;
    private readonly Task deliveryLoop;
    private long sequence;
    private long persistedThrough;
    private long queued;
    private int ended;
    private RunEndResult? endResult;

    private RunRecorder(
        ITrackingStore store,
        RunInfo info,
        RecorderOptions options,
        ILogger logger,
        RunOutbox outbox,
        IEnumerable<Param> existingParams,
        IReadOnlyDictionary<string, long>? recordedSteps = null)
    {
        this.store = store;
        this.options = options;
        this.logger = logger;
        this.outbox = outbox;
        Info = info;
        foreach (var p in existingParams)
        {
            loggedParams[p.Key] = p.Value;
        }

        foreach (var (key, step) in recordedSteps ?? new Dictionary<string, long>())
        {
            recordedThroughStep[key] = step;
        }

        // A resumed run continues its own outbox (what a crash left there is delivered first).
        sequence = Math.Max(outbox.LastSequence, outbox.AckedThrough);
        persistedThrough = sequence;
        delivery = new OutboxDelivery(outbox, store, logger);
        queue = Channel.CreateUnbounded<OutboxRecord>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
        persistLoop = Task.Run(PersistLoopAsync);
        deliveryLoop = Task.Run(DeliveryLoopAsync);
    }

    /// <summary>The run as it was created (or resumed).</summary>
    public RunInfo Info { get; }

    /// <summary>The run's id.</summary>
    public string RunId => Info.RunId;

    /// <summary>The run's experiment.</summary>
    public string ExperimentId => Info.ExperimentId;

    /// <summary>The store the run goes to.</summary>
    public string TrackingUri => store.TrackingUri;

    /// <summary>The outbox file of this run.</summary>
    public string OutboxPath => outbox.FilePath;

    /// <summary>Records logged but not yet accepted by the store.</summary>
    public long PendingCount => Interlocked.Read(ref sequence) - outbox.AckedThrough;

    /// <summary>
    /// True when the store could not be reached when the run started: it records into its outbox
    /// under a provisional <see cref="RunId"/>, and <c>crucible sync</c> creates it on the store later.
    /// </summary>
    public bool IsProvisional => outbox.IsProvisional;

    /// <summary>The last error delivering to the store, null while deliveries succeed.</summary>
    public Exception? LastDeliveryError => delivery.LastError;

    /// <summary>
    /// Creates a RUNNING run in <paramref name="store"/> (the experiment is created when missing)
    /// with MLflow's system tags, and starts recording. Creating the run needs the store.
    /// </summary>
    public static async Task<RunRecorder> StartAsync(
        ITrackingStore store,
        RunStartOptions run,
        RecorderOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        options ??= new RecorderOptions();
        if (run.ExperimentId is null)
        {
            MlflowValidator.ValidateExperimentName(run.ExperimentName);
        }

        var tags = BuildTags(run);
        logger ??= NullLogger.Instance;
        var user = run.User ?? SystemTags.CurrentUser();
        var runName = run.RunName ?? RunNameGenerator.Next();
        var startTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        RunInfo info;
        OutboxHeader header;
        try
        {
            var experimentId = run.ExperimentId ?? await store.GetOrCreateExperimentAsync(run.ExperimentName, cancellationToken).ConfigureAwait(false);
            info = await store.CreateRunAsync(experimentId, runName, startTime, user, tags, cancellationToken).ConfigureAwait(false);
            header = new OutboxHeader(store.TrackingUri, info.ExperimentId, info.RunId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            // Training must not wait for the store: record under a provisional id, sync creates the run.
            var provisionalId = ProvisionalPrefix + Guid.NewGuid().ToString("N");
            info = new RunInfo(provisionalId, run.ExperimentId ?? string.Empty, runName, user, RunStatus.Running, startTime, null, string.Empty, LifecycleStage.Active);
            header = new OutboxHeader(store.TrackingUri, info.ExperimentId, provisionalId, startTime, new OutboxPendingRun(run.ExperimentName, runName, startTime, user, tags));
            LogOffline(logger, store.TrackingUri, provisionalId, ex.Message);
        }

        var outbox = RunOutbox.Create(options.OutboxDirectory, header);
        return new RunRecorder(store, info, options, logger, outbox, []);
    }

    /// <summary>What a provisional run id starts with (a run recorded while its store was unreachable).</summary>
    public const string ProvisionalPrefix = "offline-";

    /// <summary>
    /// Continues recording into an existing run (resume after a crash or interruption): the run is
    /// set back to RUNNING and its params stay immutable.
    /// </summary>
    public static async Task<RunRecorder> ResumeAsync(
        ITrackingStore store,
        string runId,
        RecorderOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        options ??= new RecorderOptions();
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run.Info.LifecycleStage != LifecycleStage.Active)
        {
            throw new TrackingException($"Run {runId} in {store.TrackingUri} is deleted; restore it before resuming.");
        }

        // What the run recorded before (in the store, and in an outbox a crash left behind) is not
        // recorded again: a metric point at or below a key's last recorded step is skipped.
        var recordedSteps = run.Data.Metrics.GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(m => m.Step), StringComparer.Ordinal);
        var path = RunOutbox.PathFor(options.OutboxDirectory, runId);
        RunOutbox? outbox = null;
        if (File.Exists(path))
        {
            outbox = RunOutbox.TryOpen(path)
                ?? throw new TrackingException($"Run {runId} is being recorded by another live process (its outbox {path} is in use); it cannot be resumed now.");
            foreach (var pending in outbox.PendingMetrics())
            {
                recordedSteps[pending.Key] = Math.Max(recordedSteps.GetValueOrDefault(pending.Key, long.MinValue), pending.Step);
            }
        }

        try
        {
            var info = await store.UpdateRunAsync(runId, RunStatus.Running, null, null, cancellationToken).ConfigureAwait(false);
            outbox ??= RunOutbox.Create(options.OutboxDirectory, new OutboxHeader(store.TrackingUri, info.ExperimentId, info.RunId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            return new RunRecorder(store, info, options, logger ?? NullLogger.Instance, outbox, run.Data.Params, recordedSteps);
        }
        catch
        {
            outbox?.Dispose();
            throw;
        }
    }

    /// <summary>Logs a metric value at <paramref name="step"/>, timestamped now. Only enqueues.</summary>
    public void LogMetric(string key, double value, long step = 0) =>
        LogMetric(key, value, step, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Logs a metric value with an explicit timestamp (ms since the epoch). Only enqueues.</summary>
    public void LogMetric(string key, double value, long step, long timestamp)
    {
        if (!validMetricKeys.ContainsKey(key))
        {
            MlflowValidator.ValidateMetricKey(key);
            validMetricKeys.TryAdd(key, 0);
        }

        if (recordedThroughStep.Count > 0 && recordedThroughStep.TryGetValue(key, out var recorded) && step <= recorded)
        {
            // A resumed run repeats the steps between its checkpoint and the crash: recorded already.
            return;
        }

        Enqueue(new OutboxRecord
        {
            Sequence = Interlocked.Increment(ref sequence),
            Kind = OutboxRecordKind.Metric,
            Key = key,
            Value = value,
            Timestamp = timestamp,
            Step = step,
        });
    }

    /// <summary>Logs a param. The same value again is a no-op; a different value throws <see cref="TrackingValidationException"/>.</summary>
    public void LogParam(string key, string value)
    {
        MlflowValidator.ValidateParam(key, value);
        if (!loggedParams.TryAdd(key, value))
        {
            var existing = loggedParams[key];
            if (existing == value)
            {
                return;
            }

            throw new TrackingValidationException(
                key,
                "param-immutable",
                $"Param '{key}' of run {RunId} was already logged with value '{existing}'; MLflow params cannot change (attempted '{value}'). Log it as a metric or tag, or use a new key.");
        }

        Enqueue(new OutboxRecord { Sequence = Interlocked.Increment(ref sequence), Kind = OutboxRecordKind.Param, Key = key, Text = value });
    }

    /// <summary>Logs several params (see <see cref="LogParam"/>).</summary>
    public void LogParams(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        foreach (var (k, v) in list)
        {
            // Validate all first so a bad one logs none.
            MlflowValidator.ValidateParam(k, v);
            if (loggedParams.TryGetValue(k, out var existing) && existing != v)
            {
                throw new TrackingValidationException(k, "param-immutable", $"Param '{k}' of run {RunId} was already logged with value '{existing}'; MLflow params cannot change (attempted '{v}').");
            }
        }

        foreach (var (k, v) in list)
        {
            LogParam(k, v);
        }
    }

    /// <summary>Sets (or overwrites) a tag. Only enqueues.</summary>
    public void SetTag(string key, string value)
    {
        MlflowValidator.ValidateTag(key, value);
        Enqueue(new OutboxRecord { Sequence = Interlocked.Increment(ref sequence), Kind = OutboxRecordKind.Tag, Key = key, Text = value });
    }

    /// <summary>Records a dataset the run used. Only enqueues.</summary>
    public void LogInput(DatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.Dataset.Name);
        ArgumentNullException.ThrowIfNull(input.Dataset.Digest);
        foreach (var tag in input.Tags)
        {
            MlflowValidator.ValidateKey("Input tag", tag.Key);
        }

        Enqueue(new OutboxRecord { Sequence = Interlocked.Increment(ref sequence), Kind = OutboxRecordKind.Input, Input = input });
    }

    /// <summary>
    /// Records a file, or everything under a folder, as artifacts under <paramref name="artifactPath"/>
    /// (a relative folder, null for the root; a folder's contents go there, as MLflow's
    /// <c>log_artifacts</c> does). The files are copied now, so they may change or be deleted right
    /// after; the upload happens in the background.
    /// </summary>
    public void LogArtifact(string localPath, string? artifactPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        if (!File.Exists(localPath) && !Directory.Exists(localPath))
        {
            throw new TrackingException($"Cannot log artifact '{localPath}': no such file or folder.");
        }

        var seq = Interlocked.Increment(ref sequence);
        var snapshot = Path.Combine(outbox.SnapshotFolder(seq), Path.GetFileName(Path.TrimEndingDirectorySeparator(localPath)));
        CopySnapshot(localPath, snapshot);
        Enqueue(new OutboxRecord { Sequence = seq, Kind = OutboxRecordKind.Artifact, LocalPath = snapshot, Text = artifactPath });
    }

    /// <summary>Records text as an artifact file <paramref name="artifactFile"/> (e.g. <c>config/experiment.json</c>).</summary>
    public void LogText(string text, string artifactFile)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactFile);
        var seq = Interlocked.Increment(ref sequence);
        var snapshot = Path.Combine(outbox.SnapshotFolder(seq), Path.GetFileName(artifactFile));
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        File.WriteAllText(snapshot, text);
        var folder = Path.GetDirectoryName(artifactFile.Replace('\\', '/'))?.Replace('\\', '/');
        Enqueue(new OutboxRecord { Sequence = seq, Kind = OutboxRecordKind.Artifact, LocalPath = snapshot, Text = string.IsNullOrEmpty(folder) ? null : folder });
    }

    /// <summary>
    /// Waits until everything logged so far is in the store; returns false when the store is
    /// unavailable (the records are safe in the outbox) or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref sequence);
        var deadline = DateTime.UtcNow + (timeout ?? options.EndTimeout);
        while (outbox.AckedThrough < target)
        {
            var persisted = Interlocked.Read(ref persistedThrough) >= target;
            if (DateTime.UtcNow > deadline || (persisted && (delivery.LastError is not null || outbox.IsProvisional)))
            {
                return false;
            }

            flushSignal.Release();
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Ends the run: FINISHED, FAILED or KILLED. A FAILED run with an <paramref name="error"/> gets the
    /// tag <c>crucible.error</c> and the artifact <c>error.txt</c>. Flushes and waits up to
    /// <see cref="RecorderOptions.EndTimeout"/> for the store.
    /// </summary>
    public Task<RunEndResult> EndAsync(RunStatus status = RunStatus.Finished, Exception? error = null, CancellationToken cancellationToken = default) =>
        EndAsync(status, error?.ToString(), error is null ? null : $"{error.GetType().Name}: {error.Message}", cancellationToken);

    /// <summary>Ends the run with an error given as text (see <see cref="EndAsync(RunStatus, Exception?, CancellationToken)"/>).</summary>
    public async Task<RunEndResult> EndAsync(RunStatus status, string? errorDetails, string? errorSummary, CancellationToken cancellationToken = default)
    {
        if (status is RunStatus.Running or RunStatus.Scheduled)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run ends as Finished, Failed or Killed.");
        }

        if (Interlocked.Exchange(ref ended, 1) == 1)
        {
            await Task.WhenAll(persistLoop, deliveryLoop).ConfigureAwait(false);
            return endResult ?? Result(status);
        }

        if (errorDetails is not null)
        {
            var summary = SecretMasker.MaskUriCredentials(errorSummary ?? errorDetails);
            if (summary.Length > MlflowValidator.MaxTagValueLength)
            {
                summary = summary[..(MlflowValidator.MaxTagValueLength - 40)] + " ... (full text in error.txt)";
            }

            EnqueueFinal(new OutboxRecord { Sequence = Interlocked.Increment(ref sequence), Kind = OutboxRecordKind.Tag, Key = SystemTags.Error, Text = summary });
            var seq = Interlocked.Increment(ref sequence);
            var file = Path.Combine(outbox.SnapshotFolder(seq), "error.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, SecretMasker.MaskUriCredentials(errorDetails), cancellationToken).ConfigureAwait(false);
            EnqueueFinal(new OutboxRecord { Sequence = seq, Kind = OutboxRecordKind.Artifact, LocalPath = file });
        }

        EnqueueFinal(new OutboxRecord
        {
            Sequence = Interlocked.Increment(ref sequence),
            Kind = OutboxRecordKind.End,
            Status = status,
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        queue.Writer.TryComplete();
        stopDelivery.CancelAfter(options.EndTimeout);
        flushSignal.Release();
        await Task.WhenAll(persistLoop, deliveryLoop).ConfigureAwait(false);
        endResult = Result(status);
        if (endResult.Delivered)
        {
            outbox.Delete();
        }
        else
        {
            outbox.Dispose();
            if (!outbox.IsProvisional)
            {
                // A provisional run said so once, when it started.
                LogLeftInOutbox(logger, endResult.PendingRecords, RunId, outbox.FilePath);
            }
        }

        return endResult;
    }

    /// <summary>Ends the run as KILLED when <see cref="EndAsync(RunStatus, Exception?, CancellationToken)"/> was not called.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref ended) == 0)
        {
            await EndAsync(RunStatus.Killed).ConfigureAwait(false);
        }

        stopDelivery.Dispose();
        persistedSignal.Dispose();
        flushSignal.Dispose();
    }

    private static List<RunTag> BuildTags(RunStartOptions run)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SystemTags.User] = run.User ?? SystemTags.CurrentUser(),
            [SystemTags.SourceName] = run.SourceName ?? SystemTags.CurrentSource(),
            [SystemTags.SourceType] = "LOCAL",
        };
        if (SystemTags.GitCommitOf(run.SourceDirectory ?? Directory.GetCurrentDirectory()) is { } commit)
        {
            tags[SystemTags.GitCommit] = commit;
        }

        if (!string.IsNullOrEmpty(run.ParentRunId))
        {
            tags[SystemTags.ParentRunId] = run.ParentRunId;
        }

        if (!string.IsNullOrEmpty(run.Description))
        {
            tags[SystemTags.NoteContent] = run.Description;
        }

        foreach (var (k, v) in run.Tags)
        {
            tags[k] = v;
        }

        foreach (var (k, v) in tags)
        {
            MlflowValidator.ValidateTag(k, v);
        }

        return tags.Select(kv => new RunTag(kv.Key, kv.Value)).ToList();
    }

    private static void CopySnapshot(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination, overwrite: true);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private RunEndResult Result(RunStatus status)
    {
        var pending = outbox.PendingCount;
        var unpersisted = Interlocked.Read(ref sequence) - Interlocked.Read(ref persistedThrough);
        var left = pending + (int)Math.Max(0, unpersisted);
        return new RunEndResult(
            RunId,
            status,
            left == 0,
            left,
            delivery.RejectedRecords,
            left == 0 ? null : outbox.FilePath,
            delivery.LastError?.Message);
    }

    private void Enqueue(OutboxRecord record)
    {
        if (Volatile.Read(ref ended) != 0 || !queue.Writer.TryWrite(record))
        {
            throw new InvalidOperationException($"Run {RunId} has ended; nothing more can be logged to it.");
        }

        // A full batch is written without waiting for the window; fewer records never wake the writer.
        if (Interlocked.Increment(ref queued) == options.BatchSize)
        {
            flushSignal.Release();
        }
    }

    private void EnqueueFinal(OutboxRecord record)
    {
        if (queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref queued);
        }
    }

    // Drains the queue in batches and makes each batch durable in the outbox. The first record of a
    // batch wakes the writer; it then sleeps until the window ends, the batch is full, a flush is
    // asked for or the run ends, and takes everything queued by then: one wake-up per batch, not one
    // per record (a metric per epoch of thousands of short epochs would otherwise wake it each time).
    private async Task PersistLoopAsync()
    {
        var reader = queue.Reader;
        var batch = new List<OutboxRecord>(options.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (Volatile.Read(ref queued) < options.BatchSize && Volatile.Read(ref ended) == 0 && options.FlushInterval > TimeSpan.Zero)
                {
                    await flushSignal.WaitAsync(options.FlushInterval).ConfigureAwait(false);
                }

                // Flush requests that piled up meanwhile are answered by this batch.
                while (flushSignal.Wait(0))
                {
                }

                while (reader.TryRead(out var r))
                {
                    batch.Add(r);
                }

                Interlocked.Add(ref queued, -batch.Count);
                if (batch.Count == 0)
                {
                    continue;
                }

                batch.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
                outbox.Append(batch);
                Interlocked.Exchange(ref persistedThrough, batch[^1].Sequence);
                batch.Clear();
                persistedSignal.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without a writable outbox nothing can be guaranteed; report loudly, keep training alive.
            LogOutboxFailed(logger, ex, RunId, outbox.FilePath);
            throw new TrackingException($"The outbox of run {RunId} at '{outbox.FilePath}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            persistedSignal.Release();
        }
    }

    // Sends persisted records to the store; on failure, retries with backoff while the outbox grows.
    private async Task DeliveryLoopAsync()
    {
        var delay = options.InitialRetryDelay;
        var token = stopDelivery.Token;
        if (outbox.IsProvisional)
        {
            // The run does not exist on the store yet; `crucible sync` creates it and delivers.
            return;
        }

        while (true)
        {
            DeliveryResult result;
            try
            {
                result = await delivery.DeliverNextAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }

            switch (result)
            {
                case DeliveryResult.Delivered:
                case DeliveryResult.Rejected:
                    delay = options.InitialRetryDelay;
                    continue;
                case DeliveryResult.Idle:
                    if (persistLoop.IsCompleted && outbox.PendingCount == 0)
                    {
                        return;
                    }

                    try
                    {
                        await persistedSignal.WaitAsync(TimeSpan.FromMilliseconds(50), token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    continue;
                default:
                    try
                    {
                        // The one retry policy: back off with jitter, or as long as the server asked (Retry-After).
                        var wait = delivery.LastError is MlflowApiException { RetryAfter: { } asked }
                            ? TimeSpan.FromTicks(Math.Min(asked.Ticks, options.MaxRetryDelay.Ticks))
                            : Jitter(delay);
                        await Task.Delay(wait, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
                    continue;
            }
        }
    }

#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
    private static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() * 0.5))));
#pragma warning restore CA5394

    // The store did not answer (connection refused or reset, timeout, a proxy's 502/503/504): not an
    // answer that refuses the run (bad experiment, auth), which still fails the start.
    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or System.Net.Sockets.SocketException => true,
        MlflowApiException api => (int)api.StatusCode is 502 or 503 or 504,
        TrackingException { InnerException: { } inner } => IsUnreachable(inner, cancellationToken),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tracking store {TrackingUri} cannot be reached ({Error}); training starts anyway and the run is recorded offline as {RunId} in the outbox. Run `crucible sync` when the store is back: it creates the run there and delivers everything.")]
    private static partial void LogOffline(ILogger logger, string trackingUri, string runId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} record(s) of run {RunId} are not in the tracking store yet; they are safe in {OutboxPath}. Run `crucible sync` when the store is reachable.")]
    private static partial void LogLeftInOutbox(ILogger logger, int count, string runId, string outboxPath);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot write the outbox of run {RunId} at {OutboxPath}")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception, string runId, string outboxPath);
}
