namespace Crucible.Tracking.Outbox;

/// <summary>The first line of an outbox: which store and run its records belong to.</summary>
internal sealed record OutboxHeader(string TrackingUri, string ExperimentId, string RunId, long Created);
