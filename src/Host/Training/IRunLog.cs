namespace Crucible.Host.Training;

/// <summary>
/// What the trainer records while it runs: the narrow face of the run recorder, so the loop depends
/// on nothing but "enqueue a metric" and "record a file".
/// </summary>
internal interface IRunLog
{
    /// <summary>Enqueues a metric point; never waits on disk or network.</summary>
    void LogMetric(string key, double value, long step);

    /// <summary>Records a file or folder as an artifact under <paramref name="artifactPath"/> (a folder, or null for the root).</summary>
    void LogArtifact(string localPath, string? artifactPath = null);
}
