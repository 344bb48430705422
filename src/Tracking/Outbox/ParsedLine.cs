namespace Crucible.Tracking.Outbox;

/// <summary>One parsed outbox line.</summary>
internal sealed record ParsedLine(ParsedLineType Type, long Sequence, OutboxRecord? Record, string? Error, OutboxHeader? Header);
