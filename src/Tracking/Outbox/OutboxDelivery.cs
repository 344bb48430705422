using Crucible.Tracking.Model;
using Crucible.Tracking.Rest;
using Microsoft.Extensions.Logging;

namespace Crucible.Tracking.Outbox;

/// <summary>
/// Sends an outbox's pending records to its store, one chunk at a time, in order; each chunk is one
/// store request, so an acknowledgement covers exactly what the store accepted and a replay never
/// sends an accepted metric again.
/// </summary>
internal sealed partial class OutboxDelivery(RunOutbox outbox, ITrackingStore store, ILogger logger)
{
    /// <summary>An MLflow-formatted 500 for the same chunk this many times in a row is treated as permanent.</summary>
    private const int MaxInternalErrors = 5;

    private int internalErrors;

    public Exception? LastError { get; private set; }

    public int DeliveredRecords { get; private set; }

    public int RejectedRecords { get; private set; }

    public async Task<DeliveryResult> DeliverNextAsync(CancellationToken cancellationToken)
    {
        var chunk = outbox.NextChunk(BatchSplitter.MaxMetrics, BatchSplitter.MaxParams, BatchSplitter.MaxTags, BatchSplitter.MaxItems);
        if (chunk.Count == 0)
        {
            return DeliveryResult.Idle;
        }

        try
        {
            await SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            outbox.Acknowledge(chunk);
            DeliveredRecords += chunk.Count;
            internalErrors = 0;
            LastError = null;
            return DeliveryResult.Delivered;
        }
        catch (Exception ex) when (IsPermanent(ex))
        {
            var message = $"{ex.GetType().Name}: {ex.Message}";
            LogRejected(logger, chunk.Count, outbox.RunId, outbox.Header.TrackingUri, message);
            outbox.Reject(chunk, message);
            RejectedRecords += chunk.Count;
            internalErrors = 0;
            LastError = ex;
            return DeliveryResult.Rejected;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Anything else (unreachable, a full disk, an unexpected failure of the store) is
            // retried later: the chunk stays pending, and a retry sends exactly the same records.
            if (LastError is null)
            {
                LogUnavailable(logger, outbox.Header.TrackingUri, outbox.RunId, ex.Message);
            }

            LastError = ex;
            return DeliveryResult.Failed;
        }
    }

    private bool IsPermanent(Exception ex)
    {
        switch (ex)
        {
            case TrackingValidationException:
                return true;
            case MlflowApiException { IsPermanent: true }:
                return true;
            case MlflowApiException { ErrorCode: "INTERNAL_ERROR" }:
                return ++internalErrors >= MaxInternalErrors;
            default:
                return false;
        }
    }

    private async Task SendAsync(List<OutboxRecord> chunk, CancellationToken cancellationToken)
    {
        var runId = outbox.RunId;
        var first = chunk[0];
        switch (first.Kind)
        {
            case OutboxRecordKind.Metric:
            case OutboxRecordKind.Param:
            case OutboxRecordKind.Tag:
                var metrics = new List<Metric>();
                var parameters = new List<Param>();
                var tags = new List<RunTag>();
                foreach (var r in chunk)
                {
                    switch (r.Kind)
                    {
                        case OutboxRecordKind.Metric:
                            metrics.Add(new Metric(r.Key, r.Value, r.Timestamp, r.Step));
                            break;
                        case OutboxRecordKind.Param:
                            parameters.Add(new Param(r.Key, r.Text ?? string.Empty));
                            break;
                        default:
                            tags.Add(new RunTag(r.Key, r.Text ?? string.Empty));
                            break;
                    }
                }

                await store.LogBatchAsync(runId, metrics, parameters, tags, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxRecordKind.Input:
                await store.LogInputsAsync(runId, [first.Input!], cancellationToken).ConfigureAwait(false);
                break;
            case OutboxRecordKind.Artifact:
                if (first.LocalPath is null || !(File.Exists(first.LocalPath) || Directory.Exists(first.LocalPath)))
                {
                    throw new TrackingValidationException(first.LocalPath ?? string.Empty, "artifact-missing", $"The artifact snapshot '{first.LocalPath}' is gone; it cannot be uploaded.");
                }

                await store.LogArtifactAsync(runId, first.LocalPath, first.Text, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxRecordKind.End:
                await store.UpdateRunAsync(runId, first.Status, first.Timestamp, null, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox record kind {first.Kind}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The tracking store refused {Count} record(s) of run {RunId} at {TrackingUri}; they are kept in the outbox as rejected: {Error}")]
    private static partial void LogRejected(ILogger logger, int count, string runId, string trackingUri, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tracking store {TrackingUri} is unavailable; run {RunId} keeps recording into its outbox and will be delivered when it returns: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string trackingUri, string runId, string error);
}
