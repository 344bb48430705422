namespace Crucible.Host.Training;

/// <summary>Records nothing: for a trainer that only checks a composed run before anything is recorded.</summary>
internal sealed class NoRunLog : IRunLog
{
    public static NoRunLog Instance { get; } = new();

    public void LogMetric(string key, double value, long step)
    {
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }
}
