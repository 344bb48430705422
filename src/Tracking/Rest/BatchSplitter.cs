using System.Text;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Rest;

/// <summary>
/// Splits a log-batch into requests within MLflow's limits: at most 1000 metrics, 100 params,
/// 100 tags, 1000 items in all, and 1 MB of JSON. Params go first (as MLflow's client sends them),
/// then tags, then metrics, keeping each kind in order.
/// </summary>
internal static class BatchSplitter
{
    public const int MaxMetrics = 1000;
    public const int MaxParams = 100;
    public const int MaxTags = 100;
    public const int MaxItems = 1000;

    /// <summary>A margin under MLflow's 1,000,000-byte request limit for the envelope and escaping.</summary>
    public const int MaxBytes = 950_000;

    public static IEnumerable<(List<Metric> Metrics, List<Param> Params, List<RunTag> Tags)> Split(
        IReadOnlyList<Metric> metrics,
        IReadOnlyList<Param> parameters,
        IReadOnlyList<RunTag> tags)
    {
        var m = new List<Metric>();
        var p = new List<Param>();
        var t = new List<RunTag>();
        var bytes = 0;

        bool Full(int extraBytes) => m.Count + p.Count + t.Count >= MaxItems || bytes + extraBytes > MaxBytes;

        foreach (var param in parameters)
        {
            var size = Size(param.Key, param.Value);
            if (p.Count >= MaxParams || Full(size) || p.Exists(x => x.Key == param.Key))
            {
                yield return (m, p, t);
                (m, p, t, bytes) = ([], [], [], 0);
            }

            p.Add(param);
            bytes += size;
        }

        foreach (var tag in tags)
        {
            var size = Size(tag.Key, tag.Value);
            if (t.Count >= MaxTags || Full(size) || t.Exists(x => x.Key == tag.Key))
            {
                yield return (m, p, t);
                (m, p, t, bytes) = ([], [], [], 0);
            }

            t.Add(tag);
            bytes += size;
        }

        foreach (var metric in metrics)
        {
            var size = Size(metric.Key, null) + 80;
            if (m.Count >= MaxMetrics || Full(size))
            {
                yield return (m, p, t);
                (m, p, t, bytes) = ([], [], [], 0);
            }

            m.Add(metric);
            bytes += size;
        }

        if (m.Count + p.Count + t.Count > 0)
        {
            yield return (m, p, t);
        }
    }

    // Worst case of JSON escaping (\uXXXX is 6 bytes per UTF-16 unit) is not needed: UTF-8 size
    // plus quoting overhead is what the server measures for ordinary text.
    private static int Size(string key, string? value) =>
        Encoding.UTF8.GetByteCount(key) + (value is null ? 0 : Encoding.UTF8.GetByteCount(value)) + 32;
}
