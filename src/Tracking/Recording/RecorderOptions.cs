using Crucible.Tracking.Outbox;

namespace Crucible.Tracking.Recording;

/// <summary>How a <see cref="RunRecorder"/> batches, persists and delivers.</summary>
public sealed record RecorderOptions
{
    /// <summary>Where run outboxes live. Defaults to <see cref="OutboxReplayer.DefaultOutboxRoot"/>.</summary>
    public string OutboxDirectory { get; init; } = OutboxReplayer.DefaultOutboxRoot;

    /// <summary>Records that trigger a write without waiting for the window. Defaults to 1000.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The longest a record waits before it is written to the outbox and sent. Defaults to 200 ms.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First wait before retrying an unavailable store; doubles up to <see cref="MaxRetryDelay"/>. Defaults to 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between delivery attempts. Defaults to 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long ending a run waits for the store to take everything; what is left stays in the
    /// outbox for <c>crucible sync</c>. Defaults to 2 minutes.
    /// </summary>
    public TimeSpan EndTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
