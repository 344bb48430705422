namespace Crucible.Host.Training;

/// <summary>
/// What <c>--resume RUN_ID</c> continues from, read from the run's record without changing it: its
/// last (and best) checkpoint folders and its recorded <c>experiment.json</c>, downloaded locally.
/// </summary>
internal sealed record ResumePoint(string RunId, string LastCheckpoint, string? BestCheckpoint, string? RecordedExperiment);
