using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// A run that <see cref="RunLifecycle"/> has started (or reopened) in MLflow and will end: what the
/// training inside it records to, writes into and listens to.
/// </summary>
internal sealed record ActiveRun
{
    public required TrackedRun Run { get; init; }

    /// <summary>The run's scratch folder; deleted when the run ends.</summary>
    public required string OutputDirectory { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Signalled by the first Ctrl+C / SIGTERM.</summary>
    public required CancellationToken Interrupt { get; init; }

    /// <summary>A resumed run's downloaded <c>checkpoints/last</c> folder; null for a new run.</summary>
    public string? LastCheckpoint { get; init; }

    /// <summary>A resumed run's downloaded <c>checkpoints/best</c> folder, when it had one.</summary>
    public string? BestCheckpoint { get; init; }

    public bool IsResume => LastCheckpoint is not null;
}
