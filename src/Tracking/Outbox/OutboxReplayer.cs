using Crucible.Tracking.Model;
using Crucible.Tracking.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Tracking.Outbox;

/// <summary>
/// Delivers what runs left in their outboxes (the store was down, or the process died): the
/// <c>crucible sync</c> command. Idempotent: acknowledged records are never sent again, so running
/// it twice, or after a partial sync, sends no metric point twice. A run whose process died
/// before ending it is ended as FAILED with a <c>crucible.error</c> tag saying so.
/// </summary>
public static partial class OutboxReplayer
{
    /// <summary>
    /// The default outbox folder: <c>$CRUCIBLE_OUTBOX</c>, else <c>crucible/outbox</c> under the
    /// user's local application data (<c>~/.local/share</c> on Linux).
    /// </summary>
    public static string DefaultOutboxRoot =>
        Environment.GetEnvironmentVariable("CRUCIBLE_OUTBOX") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "crucible", "outbox");

    /// <summary>
    /// Replays every outbox under <paramref name="outboxRoot"/> into the store its header names
    /// (opened with <paramref name="storeFactory"/>, default <see cref="TrackingStoreFactory.Create"/>).
    /// </summary>
    public static async Task<SyncReport> SyncAllAsync(
        string outboxRoot,
        Func<string, ITrackingStore>? storeFactory = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outboxRoot);
        storeFactory ??= uri => TrackingStoreFactory.Create(uri);
        logger ??= NullLogger.Instance;
        int runs = 0, completed = 0, delivered = 0, rejected = 0, remaining = 0, skipped = 0;
        var errors = new List<string>();
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(outboxRoot))
        {
            return new SyncReport(0, 0, 0, 0, 0, 0, errors, created);
        }

        var stores = new Dictionary<string, ITrackingStore>(StringComparer.Ordinal);
        try
        {
            foreach (var path in Directory.EnumerateFiles(outboxRoot, "*" + RunOutbox.Extension).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunOutbox? outbox;
                try
                {
                    outbox = RunOutbox.TryOpen(path);
                }
                catch (TrackingException ex)
                {
                    errors.Add(ex.Message);
                    continue;
                }

                if (outbox is null)
                {
                    skipped++;
                    continue;
                }

                runs++;
                using (outbox)
                {
                    var uri = outbox.Header.TrackingUri;
                    if (!stores.TryGetValue(uri, out var store))
                    {
                        store = storeFactory(uri);
                        stores[uri] = store;
                    }

                    var provisionalId = outbox.IsProvisional ? outbox.Header.RunId : null;
                    var (ok, d, r, left, error) = await ReplayAsync(outbox, store, logger, cancellationToken).ConfigureAwait(false);
                    if (provisionalId is not null && !outbox.IsProvisional)
                    {
                        created[provisionalId] = outbox.RunId;
                    }

                    delivered += d;
                    rejected += r;
                    remaining += left;
                    if (ok)
                    {
                        completed++;
                        outbox.Delete();
                        LogSynced(logger, outbox.RunId, uri, d);
                    }
                    else
                    {
                        errors.Add($"Run {outbox.RunId} ({uri}): {left} record(s) not delivered: {error}");
                    }
                }
            }
        }
        finally
        {
            foreach (var store in stores.Values)
            {
                store.Dispose();
            }
        }

        return new SyncReport(runs, completed, delivered, rejected, remaining, skipped, errors, created);
    }

    private static async Task<(bool Ok, int Delivered, int Rejected, int Left, string? Error)> ReplayAsync(
        RunOutbox outbox,
        ITrackingStore store,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var delivery = new OutboxDelivery(outbox, store, logger);
        if (outbox.IsProvisional)
        {
            try
            {
                await CreatePendingRunAsync(outbox, store, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TrackingException or HttpRequestException or IOException)
            {
                return (false, 0, 0, outbox.PendingCount, $"the run could not be created: {ex.Message}");
            }
        }

        // The recording process died without ending the run: end it, as MLflow shows crashed runs.
        if (!outbox.HasEndRecord)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var seq = Math.Max(outbox.LastSequence, outbox.AckedThrough) + 1;
            outbox.Append(
            [
                new OutboxRecord
                {
                    Sequence = seq,
                    Kind = OutboxRecordKind.Tag,
                    Key = SystemTags.Error,
                    Text = "The process recording this run ended without finishing it (crash or kill); its records were delivered later by `crucible sync`.",
                },
                new OutboxRecord { Sequence = seq + 1, Kind = OutboxRecordKind.End, Status = RunStatus.Failed, Timestamp = now },
            ]);
        }

        while (true)
        {
            var result = await delivery.DeliverNextAsync(cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case DeliveryResult.Idle:
                    return (true, delivery.DeliveredRecords, delivery.RejectedRecords, 0, null);
                case DeliveryResult.Failed:
                    return (false, delivery.DeliveredRecords, delivery.RejectedRecords, outbox.PendingCount, delivery.LastError?.Message);
                default:
                    continue;
            }
        }
    }

    // Creates the run a provisional outbox stands for (or finds it, when an earlier sync created it
    // and died before recording that), and records the store's id in the outbox.
    private static async Task CreatePendingRunAsync(RunOutbox outbox, ITrackingStore store, ILogger logger, CancellationToken cancellationToken)
    {
        var pending = outbox.Header.Pending!;
        var provisionalId = outbox.Header.RunId;
        var experimentId = string.IsNullOrEmpty(outbox.Header.ExperimentId)
            ? await store.GetOrCreateExperimentAsync(pending.ExperimentName, cancellationToken).ConfigureAwait(false)
            : outbox.Header.ExperimentId;
        var existing = await store.SearchRunsAsync(
            new SearchRunsQuery { ExperimentIds = [experimentId], Filter = $"tags.`{SystemTags.ProvisionalRunId}` = '{provisionalId}'", MaxResults = 1, ViewType = ViewType.All },
            cancellationToken).ConfigureAwait(false);
        var runId = existing.Runs.Count > 0 ? existing.Runs[0].Info.RunId : null;
        if (runId is null)
        {
            var tags = pending.Tags.Append(new RunTag(SystemTags.ProvisionalRunId, provisionalId)).ToList();
            var info = await store.CreateRunAsync(experimentId, pending.RunName, pending.StartTime, pending.User, tags, cancellationToken).ConfigureAwait(false);
            runId = info.RunId;
        }

        outbox.MarkCreated(runId, experimentId);
        LogCreated(logger, provisionalId, runId, store.TrackingUri);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {ProvisionalId}, recorded while the store was unreachable, is now run {RunId} in {TrackingUri}.")]
    private static partial void LogCreated(ILogger logger, string provisionalId, string runId, string trackingUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced run {RunId} to {TrackingUri}: {Count} record(s) delivered.")]
    private static partial void LogSynced(ILogger logger, string runId, string trackingUri, int count);
}
