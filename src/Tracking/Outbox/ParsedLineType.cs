namespace Crucible.Tracking.Outbox;

/// <summary>The type of an outbox line.</summary>
internal enum ParsedLineType
{
    Header,
    Record,
    Ack,
    Reject,
    Created,
}
