using Crucible.Tracking.Model;

namespace Crucible.Tracking.Recording;

/// <summary>What ending a run achieved.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">The status it was ended with.</param>
/// <param name="Delivered">True when the store has every record (the outbox was removed).</param>
/// <param name="PendingRecords">Records still in the outbox, to be delivered by <c>crucible sync</c>.</param>
/// <param name="RejectedRecords">Records the store refused for good (each was reported as an error).</param>
/// <param name="OutboxPath">The outbox file when records are pending, else null.</param>
/// <param name="LastError">The last delivery error, if any.</param>
public sealed record RunEndResult(
    string RunId,
    RunStatus Status,
    bool Delivered,
    int PendingRecords,
    int RejectedRecords,
    string? OutboxPath,
    string? LastError);
