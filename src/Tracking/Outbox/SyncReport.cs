namespace Crucible.Tracking.Outbox;

/// <summary>What <see cref="OutboxReplayer.SyncAllAsync"/> did.</summary>
/// <param name="Runs">Outboxes found and not held by a live process.</param>
/// <param name="CompletedRuns">Runs whose outbox is now empty and was removed.</param>
/// <param name="DeliveredRecords">Records the stores accepted.</param>
/// <param name="RejectedRecords">Records the stores refused for good (reported as errors).</param>
/// <param name="RemainingRecords">Records still waiting (their store is unavailable).</param>
/// <param name="SkippedInUse">Outboxes skipped because a live run is writing them.</param>
/// <param name="Errors">One line per run that could not be completed, naming the run, store and cause.</param>
/// <param name="CreatedRuns">Runs recorded offline (store unreachable at start) that this sync created: provisional id to the store's run id.</param>
public sealed record SyncReport(
    int Runs,
    int CompletedRuns,
    int DeliveredRecords,
    int RejectedRecords,
    int RemainingRecords,
    int SkippedInUse,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, string>? CreatedRuns = null)
{
    /// <summary>True when nothing is left to deliver.</summary>
    public bool AllDelivered => RemainingRecords == 0 && Errors.Count == 0;
}
