namespace Crucible.Tracking.Model;

/// <summary>One page of a run search.</summary>
/// <param name="Runs">The runs on this page.</param>
/// <param name="NextPageToken">Pass to the next search to get the next page; null on the last page.</param>
public sealed record RunsPage(IReadOnlyList<Run> Runs, string? NextPageToken);
