using System.Globalization;
using System.Net;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// MLflow's <c>order_by</c> for the local store (<c>metrics.acc DESC</c>, <c>attributes.start_time</c>,
/// ...): runs lacking the key go last; ties are broken by start time (newest first), then run id.
/// </summary>
internal static class RunOrder
{
    public static List<Run> Sort(List<Run> runs, IReadOnlyList<string> orderBy)
    {
        IOrderedEnumerable<Run>? ordered = null;
        foreach (var clause in orderBy ?? [])
        {
            var parts = clause.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2)
            {
                throw Invalid(clause);
            }

            var descending = parts.Length == 2 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            if (parts.Length == 2 && !descending && !parts[1].Equals("ASC", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(clause);
            }

            var dot = parts[0].IndexOf('.', StringComparison.Ordinal);
            var entity = dot < 0 ? "attributes" : parts[0][..dot].ToLowerInvariant();
            var key = (dot < 0 ? parts[0] : parts[0][(dot + 1)..]).Trim('`', '"');
            Func<Run, object?> selector = entity switch
            {
                "metrics" or "metric" => r => r.Data.Metric(key)?.Value,
                "params" or "param" => r => r.Data.Param(key),
                "tags" or "tag" => r => r.Data.Tag(key),
                "attributes" or "attribute" or "attr" => r => RunFilter.AttributeValue(r.Info, key),
                _ => throw Invalid(clause),
            };
            var comparer = new NullsLastComparer(descending);
            ordered = ordered is null
                ? runs.OrderBy(selector, comparer)
                : ordered.ThenBy(selector, comparer);
        }

        ordered = ordered is null
            ? runs.OrderByDescending(r => r.Info.StartTime ?? 0)
            : ordered.ThenByDescending(r => r.Info.StartTime ?? 0);
        return ordered.ThenBy(r => r.Info.RunId, StringComparer.Ordinal).ToList();
    }

    private static MlflowApiException Invalid(string clause) =>
        new(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", $"Invalid order_by clause '{clause}'. Expected e.g. 'metrics.acc DESC' or 'attributes.start_time ASC'.");

    private sealed class NullsLastComparer(bool descending) : IComparer<object?>
    {
        public int Compare(object? x, object? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 1 : 0) - (y is null ? 1 : 0);
            }

            var c = (x, y) switch
            {
                (double a, double b) => a.CompareTo(b),
                (long a, long b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                _ => string.CompareOrdinal(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture)),
            };
            return descending ? -c : c;
        }
    }
}
