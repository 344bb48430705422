namespace Crucible.Tracking.Outbox;

/// <summary>What happened to one chunk of an outbox.</summary>
internal enum DeliveryResult
{
    /// <summary>Nothing was pending.</summary>
    Idle,

    /// <summary>The store accepted the chunk.</summary>
    Delivered,

    /// <summary>The store refused it for good; it was recorded as rejected and reported.</summary>
    Rejected,

    /// <summary>The store could not be reached or failed; the chunk stays pending.</summary>
    Failed,
}
