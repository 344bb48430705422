namespace Crucible.Tracking.Outbox;

/// <summary>
/// The first line of an outbox: which store and run its records belong to. A run recorded while
/// the store could not be reached has a provisional <paramref name="RunId"/> and, in
/// <paramref name="Pending"/>, what <c>crucible sync</c> needs to create it on the store.
/// </summary>
internal sealed record OutboxHeader(string TrackingUri, string ExperimentId, string RunId, long Created, OutboxPendingRun? Pending = null);
