namespace Crucible.Tracking.Model;

/// <summary>One logged value of a metric.</summary>
/// <param name="Key">The metric name.</param>
/// <param name="Value">The value; NaN and infinities are allowed.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch.</param>
/// <param name="Step">The training step (0 when not given).</param>
public sealed record Metric(string Key, double Value, long Timestamp, long Step);
