namespace Crucible.Tracking.Model;

/// <summary>A run search, with MLflow's filter and order-by syntax.</summary>
public sealed record SearchRunsQuery
{
    /// <summary>The experiments to search.</summary>
    public required IReadOnlyList<string> ExperimentIds { get; init; }

    /// <summary>
    /// MLflow filter, e.g. <c>metrics.acc &gt; 0.5 and params.optimizer = 'adam'</c>. Null for all runs.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Order, e.g. <c>metrics.acc DESC</c>, <c>attributes.start_time ASC</c>. Defaults to start time, newest first.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>Page size; null for the store's default (1000).</summary>
    public int? MaxResults { get; init; }

    /// <summary>Which lifecycle stages; null for the store's default (active only).</summary>
    public ViewType? ViewType { get; init; }

    /// <summary>The token from the previous page, or null for the first page.</summary>
    public string? PageToken { get; init; }
}
