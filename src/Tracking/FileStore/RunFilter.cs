using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// MLflow's run search filter for the local store: clauses joined by <c>AND</c>, each
/// <c>entity.key op value</c> with entity <c>metrics</c>, <c>params</c>, <c>tags</c> or
/// <c>attributes</c>; ops <c>= != &lt; &lt;= &gt; &gt;=</c>, and <c>LIKE</c>/<c>ILIKE</c> for text.
/// </summary>
internal sealed partial class RunFilter
{
    private readonly List<Clause> clauses;

    private RunFilter(List<Clause> clauses) => this.clauses = clauses;

    public static RunFilter Parse(string? filter)
    {
        var clauses = new List<Clause>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return new RunFilter(clauses);
        }

        foreach (var part in AndSplit().Split(filter.Trim()))
        {
            var m = ClausePattern().Match(part.Trim());
            if (!m.Success)
            {
                throw Invalid($"Invalid filter clause '{part.Trim()}' in '{filter}'. Expected e.g. metrics.acc > 0.5 or params.optimizer = 'adam'.");
            }

            var entity = m.Groups["entity"].Value.ToLowerInvariant() switch
            {
                "metric" or "metrics" => "metrics",
                "param" or "params" or "parameter" or "parameters" => "params",
                "tag" or "tags" => "tags",
                "attribute" or "attributes" or "attr" or "run" => "attributes",
                var other => throw Invalid($"Invalid entity type '{other}' in filter '{filter}'. Use metrics, params, tags or attributes."),
            };
            var key = Unquote(m.Groups["key"].Value);
            var op = m.Groups["op"].Value.ToUpperInvariant();
            var raw = m.Groups["value"].Value.Trim();
            var isString = raw.Length >= 2 && (raw[0] == '\'' || raw[0] == '"');
            var value = isString ? raw[1..^1] : raw;
            if (entity == "metrics" && (isString || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                throw Invalid($"Expected a numeric value for metric '{key}' in filter '{filter}', got {raw}.");
            }

            if ((entity is "params" or "tags") && !isString)
            {
                throw Invalid($"Expected a quoted string value for {entity[..^1]} '{key}' in filter '{filter}', got {raw}.");
            }

            clauses.Add(new Clause(entity, key, op, value));
        }

        return new RunFilter(clauses);
    }

    public bool Matches(Run run) => clauses.TrueForAll(c => c.Matches(run));

    internal static object? AttributeValue(RunInfo info, string key) => key switch
    {
        "status" => RunStatusNames.ToMlflow(info.Status),
        "run_name" or "runName" => info.RunName,
        "run_id" or "run_uuid" => info.RunId,
        "user_id" => info.UserId,
        "artifact_uri" => info.ArtifactUri,
        "lifecycle_stage" => info.LifecycleStage,
        "experiment_id" => info.ExperimentId,
        "start_time" => info.StartTime,
        "end_time" => info.EndTime,
        _ => throw Invalid($"Invalid attribute key '{key}'. Valid: status, run_name, run_id, user_id, artifact_uri, lifecycle_stage, start_time, end_time."),
    };

    private static string Unquote(string key) =>
        key.Length >= 2 && (key[0] is '`' or '"' or '\'') && key[^1] == key[0] ? key[1..^1] : key;

    private static MlflowApiException Invalid(string message) =>
        new(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message);

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSplit();

    [GeneratedRegex(
        @"^(?<entity>[A-Za-z]+)\.(?<key>`[^`]+`|""[^""]+""|[\w./\- ]+?)\s*(?<op>!=|<=|>=|=|<|>|\bNOT\s+LIKE\b|\bLIKE\b|\bILIKE\b)\s*(?<value>.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();

    private sealed record Clause(string Entity, string Key, string Op, string Value)
    {
        public bool Matches(Run run)
        {
            switch (Entity)
            {
                case "metrics":
                    var metric = run.Data.Metric(Key);
                    return metric is not null && Compare(metric.Value.CompareTo(double.Parse(Value, CultureInfo.InvariantCulture)));
                case "params":
                    return run.Data.Param(Key) is { } p && CompareText(p);
                case "tags":
                    return run.Data.Tag(Key) is { } t && CompareText(t);
                default:
                    var attr = AttributeValue(run.Info, Key);
                    if (attr is long l)
                    {
                        return Compare(l.CompareTo(long.Parse(Value, CultureInfo.InvariantCulture)));
                    }

                    return attr is string s && CompareText(s);
            }
        }

        private bool Compare(int c) => Op switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => throw Invalid($"Invalid comparator '{Op}' for a numeric value."),
        };

        private bool CompareText(string actual) => Op switch
        {
            "=" => actual == Value,
            "!=" => actual != Value,
            "LIKE" => Like(actual, caseSensitive: true),
            "ILIKE" => Like(actual, caseSensitive: false),
            _ when Op.StartsWith("NOT", StringComparison.Ordinal) => !Like(actual, caseSensitive: true),
            _ => Compare(string.CompareOrdinal(actual, Value)),
        };

        private bool Like(string actual, bool caseSensitive)
        {
            var pattern = "^" + Regex.Escape(Value).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
            var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            return Regex.IsMatch(actual, pattern, options, TimeSpan.FromSeconds(1));
        }
    }
}
