using Crucible.Tracking.Model;

namespace Crucible.Tracking.Outbox;

/// <summary>
/// A run that could not be created because its store was unreachable at start: it records into
/// its outbox under a provisional id, and <c>crucible sync</c> creates it with these fields.
/// </summary>
internal sealed record OutboxPendingRun(string ExperimentName, string RunName, long StartTime, string User, IReadOnlyList<RunTag> Tags);
