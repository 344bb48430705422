using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Comparing;

/// <summary>A run being compared, with the full history of each chosen metric.</summary>
internal sealed record ComparedRun(Run Run, IReadOnlyDictionary<string, IReadOnlyList<Metric>> Histories)
{
    public string RunId => Run.Info.RunId;

    /// <summary>The run's name and the start of its id, for table rows and chart legends.</summary>
    public string Label => $"{Run.Info.RunName} ({RunId[..Math.Min(8, RunId.Length)]})";
}
