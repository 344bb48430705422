namespace Crucible.Tracking.Registry;

/// <summary>A version of a registered model, as MLflow's Model Registry returns it.</summary>
/// <param name="Name">The registered model's name.</param>
/// <param name="Version">The version number (1, 2, ...).</param>
/// <param name="Source">Where the model's files are: an artifact URI or <c>runs:/RUN_ID/PATH</c>, stored as given.</param>
/// <param name="RunId">The run that logged it, or empty.</param>
/// <param name="Status">READY, PENDING_REGISTRATION or FAILED_REGISTRATION.</param>
/// <param name="CurrentStage">None, Staging, Production or Archived.</param>
/// <param name="CreationTimestamp">Milliseconds since the Unix epoch.</param>
public sealed record ModelVersion(string Name, int Version, string Source, string RunId, string Status, string CurrentStage, long CreationTimestamp);
