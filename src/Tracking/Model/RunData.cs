namespace Crucible.Tracking.Model;

/// <summary>What a run recorded: the latest value of each metric, its params and tags.</summary>
/// <param name="Metrics">The latest value of each metric key (highest step, then latest timestamp).</param>
/// <param name="Params">All params.</param>
/// <param name="Tags">All tags, system tags included.</param>
public sealed record RunData(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags)
{
    /// <summary>An empty record.</summary>
    public static RunData Empty { get; } = new([], [], []);

    /// <summary>The value of a param, or null.</summary>
    public string? Param(string key) => Params.FirstOrDefault(p => p.Key == key)?.Value;

    /// <summary>The value of a tag, or null.</summary>
    public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key)?.Value;

    /// <summary>The latest value of a metric, or null.</summary>
    public Metric? Metric(string key) => Metrics.FirstOrDefault(m => m.Key == key);
}
