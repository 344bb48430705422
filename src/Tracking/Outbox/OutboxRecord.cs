using Crucible.Tracking.Model;

namespace Crucible.Tracking.Outbox;

/// <summary>What one outbox record asks the store to do.</summary>
internal enum OutboxRecordKind
{
    Metric,
    Param,
    Tag,
    Input,
    Artifact,
    End,
}

/// <summary>
/// One thing a run recorded, numbered in the order it was logged. Only the fields of its kind are set.
/// </summary>
internal sealed class OutboxRecord
{
    public long Sequence { get; init; }

    public OutboxRecordKind Kind { get; init; }

    public string Key { get; init; } = string.Empty;

    public string? Text { get; init; }

    public double Value { get; init; }

    public long Timestamp { get; init; }

    public long Step { get; init; }

    /// <summary>For <see cref="OutboxRecordKind.Input"/>.</summary>
    public DatasetInput? Input { get; init; }

    /// <summary>For <see cref="OutboxRecordKind.Artifact"/>: the snapshot file or folder to upload.</summary>
    public string? LocalPath { get; init; }

    /// <summary>For <see cref="OutboxRecordKind.End"/>.</summary>
    public RunStatus Status { get; init; }

    public bool IsBatchable => Kind is OutboxRecordKind.Metric or OutboxRecordKind.Param or OutboxRecordKind.Tag;
}
