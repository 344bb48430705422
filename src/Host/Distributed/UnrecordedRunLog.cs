using Crucible.Host.Training;

namespace Crucible.Host.Distributed;

/// <summary>What a ddp rank other than 0 records to: nothing. Rank 0 records the global values for the group.</summary>
internal sealed class UnrecordedRunLog : IRunLog
{
    public static UnrecordedRunLog Instance { get; } = new();

    public void LogMetric(string key, double value, long step)
    {
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }
}
