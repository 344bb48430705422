using System.Globalization;
using Crucible.Host.Configuration;
using Crucible.Host.Training;
using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Comparing;

/// <summary>
/// Runs side by side: the params whose values differ between them, and for each chosen metric its
/// last value and its best (min or max by the metric's name, as <c>mode: auto</c> decides).
/// </summary>
internal sealed class RunComparison
{
    private RunComparison(IReadOnlyList<ComparedRun> runs, IReadOnlyList<string> differingParams, IReadOnlyList<string> metrics)
    {
        Runs = runs;
        DifferingParams = differingParams;
        Metrics = metrics;
    }

    private const string RunNameParam = "tracking.runName";

    public IReadOnlyList<ComparedRun> Runs { get; }

    /// <summary>Param keys whose value is not the same in every run (a missing param counts as a value).</summary>
    public IReadOnlyList<string> DifferingParams { get; }

    public IReadOnlyList<string> Metrics { get; }

    /// <summary>
    /// Reads the runs' metric histories. <paramref name="metrics"/> empty means every metric that every
    /// run logged, except <c>lr</c>, <c>epoch</c> (the step counter recorded beside every epoch, whose
    /// "best" would be 1) and <c>system/</c> metrics.
    /// </summary>
    public static async Task<RunComparison> CreateAsync(ITrackingStore store, IReadOnlyList<Run> runs, IReadOnlyList<string> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runs);
        var chosen = metrics.Count > 0
            ? metrics.ToList()
            : runs.Select(r => r.Data.Metrics.Select(m => m.Key).ToHashSet(StringComparer.Ordinal))
                .Aggregate((a, b) => { a.IntersectWith(b); return a; })
                .Where(k => k is not ("lr" or "epoch") && !k.StartsWith("system/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
        var compared = new List<ComparedRun>();
        foreach (var run in runs)
        {
            var histories = new Dictionary<string, IReadOnlyList<Metric>>(StringComparer.Ordinal);
            foreach (var key in chosen)
            {
                histories[key] = await store.GetMetricHistoryAsync(run.Info.RunId, key, cancellationToken).ConfigureAwait(false);
            }

            compared.Add(new ComparedRun(run, histories));
        }

        // The run's name is in each row's label already (a sweep's trial-N): not a column of its own.
        var differing = runs.SelectMany(r => r.Data.Params.Select(p => p.Key)).Distinct(StringComparer.Ordinal)
            .Where(key => key != RunNameParam)
            .Where(key => runs.Select(r => r.Data.Param(key)).Distinct(StringComparer.Ordinal).Count() > 1)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RunComparison(compared, differing, chosen);
    }

    /// <summary>The metric's last value (highest step, then latest time, as MLflow reports it), or null.</summary>
    public static double? Last(ComparedRun run, string metric) =>
        run.Histories.TryGetValue(metric, out var h) && h.Count > 0
            ? h.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Last().Value
            : null;

    /// <summary>The metric's best value: lowest for losses and errors, highest for accuracy-like names.</summary>
    public static double? Best(ComparedRun run, string metric)
    {
        if (!run.Histories.TryGetValue(metric, out var h) || h.Count == 0)
        {
            return null;
        }

        var values = h.Select(m => m.Value).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0)
        {
            return double.NaN;
        }

        return MetricMonitor.Resolve(metric, MonitorMode.Auto) == MonitorMode.Max ? values.Max() : values.Min();
    }

    /// <summary>Columns: run, status, each differing param, then each metric's last and best.</summary>
    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = new List<string> { "run", "status" };
        header.AddRange(DifferingParams);
        foreach (var metric in Metrics)
        {
            header.Add($"{metric} last");
            header.Add($"{metric} best");
        }

        var rows = Runs.Select(r =>
        {
            var row = new List<string> { r.Label, r.Run.Info.Status.ToString().ToLowerInvariant() };
            row.AddRange(DifferingParams.Select(p => r.Run.Data.Param(p) ?? "-"));
            foreach (var metric in Metrics)
            {
                row.Add(Format(Last(r, metric)));
                row.Add(Format(Best(r, metric)));
            }

            return row;
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        if (DifferingParams.Count == 0)
        {
            output.WriteLine("(every param is the same in these runs)");
        }
    }

    private static string Format(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";
}
