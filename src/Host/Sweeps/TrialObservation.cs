namespace Crucible.Host.Sweeps;

/// <summary>A trial that ended: what it tried and its objective (null when it failed or did not log the metric).</summary>
internal sealed record TrialObservation(TrialAssignment Assignment, double? Objective);
