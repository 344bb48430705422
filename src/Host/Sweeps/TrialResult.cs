using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Sweeps;

/// <summary>How one trial of a sweep ended.</summary>
internal sealed record TrialResult(int Index, TrialAssignment Assignment, string Outcome, string? RunId, RunStatus? Status, double? Objective)
{
    public const string Ran = "ran";
    public const string Skipped = "skipped";
    public const string Invalid = "invalid";
    public const string NotRun = "not run";

    public bool Finished => Status == RunStatus.Finished;

    /// <summary>The status word for the summary: finished, failed, killed, skipped, ...</summary>
    public string State => Outcome == Skipped ? "finished (reused)"
        : Outcome is Invalid or NotRun ? Outcome
        : Status?.ToString().ToLowerInvariant() ?? "no run";
}
