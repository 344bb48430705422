namespace Crucible.Tracking.Model;

/// <summary>An MLflow experiment.</summary>
/// <param name="ExperimentId">Opaque id (a number as text).</param>
/// <param name="Name">The unique name.</param>
/// <param name="ArtifactLocation">Opaque URI where its runs' artifacts go.</param>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>.</param>
/// <param name="CreationTime">Milliseconds since the Unix epoch, if known.</param>
/// <param name="LastUpdateTime">Milliseconds since the Unix epoch, if known.</param>
/// <param name="Tags">Experiment tags.</param>
public sealed record Experiment(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long? CreationTime,
    long? LastUpdateTime,
    IReadOnlyList<RunTag> Tags);
