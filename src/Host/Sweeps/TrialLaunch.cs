namespace Crucible.Host.Sweeps;

/// <summary>One trial to start: its number, what it tries, and the <c>crucible</c> arguments that run it.</summary>
internal sealed record TrialLaunch(int Index, TrialAssignment Assignment, string Hash, IReadOnlyList<string> Arguments)
{
    /// <summary>The trial's log file name in the sweep's log folder.</summary>
    public string LogName => $"trial-{Index}.log";
}
