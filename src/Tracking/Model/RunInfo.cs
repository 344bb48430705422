namespace Crucible.Tracking.Model;

/// <summary>A run's metadata.</summary>
/// <param name="RunId">32 hexadecimal characters.</param>
/// <param name="ExperimentId">The experiment the run belongs to.</param>
/// <param name="RunName">The display name.</param>
/// <param name="UserId">Who started it (may be empty).</param>
/// <param name="Status">The lifecycle status.</param>
/// <param name="StartTime">Milliseconds since the Unix epoch.</param>
/// <param name="EndTime">Milliseconds since the Unix epoch, null while running.</param>
/// <param name="ArtifactUri">Opaque URI of the run's artifact root.</param>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>.</param>
public sealed record RunInfo(
    string RunId,
    string ExperimentId,
    string RunName,
    string UserId,
    RunStatus Status,
    long? StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage);
