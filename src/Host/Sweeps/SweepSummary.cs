using System.Globalization;
using System.Text;

namespace Crucible.Host.Sweeps;

/// <summary>The sweep's result table (trial params to objective): printed, and logged to the parent run as CSV.</summary>
internal sealed class SweepSummary(SweepDefinition definition, IReadOnlyList<TrialResult> results)
{
    public const string ArtifactName = "sweep_summary.csv";

    private static readonly string[] CsvColumns = ["trial", "run_id", "status"];
    private static readonly string[] TableColumns = ["trial"];

    /// <summary>The best finished trial with an objective, or null.</summary>
    public TrialResult? Best { get; } = results
        .Where(r => r.Finished && r.Objective is { } v && double.IsFinite(v))
        .OrderBy(r => definition.Direction == Configuration.MonitorMode.Max ? -r.Objective!.Value : r.Objective!.Value)
        .ThenBy(r => r.Index)
        .FirstOrDefault();

    public string ToCsv()
    {
        var text = new StringBuilder();
        var header = CsvColumns.Concat(definition.Parameters.Select(p => p.Key)).Append(definition.Objective);
        text.AppendLine(string.Join(',', header.Select(Csv)));
        foreach (var r in results)
        {
            var row = new[] { r.Index.ToString(CultureInfo.InvariantCulture), r.RunId ?? "", r.State }
                .Concat(definition.Parameters.Select(p => SweepOverrideParser.Display(r.Assignment[p.Key])))
                .Append(r.Objective?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            text.AppendLine(string.Join(',', row.Select(Csv)));
        }

        return text.ToString();
    }

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = TableColumns.Concat(definition.Parameters.Select(p => p.Key)).Append(definition.Objective).Append("status").Append("run").ToList();
        var rows = results.Select(r => new[] { (r == Best ? "*" : " ") + r.Index.ToString(CultureInfo.InvariantCulture) }
            .Concat(definition.Parameters.Select(p => SweepOverrideParser.Display(r.Assignment[p.Key])))
            .Append(r.Objective?.ToString("G6", CultureInfo.InvariantCulture) ?? "-")
            .Append(r.State)
            .Append(r.RunId ?? "-")
            .ToList()).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine(Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best: trial {best.Index}, {definition.Objective} = {best.Objective:G6} ({best.Assignment}), run {best.RunId}")
            : "best: none (no trial finished with the objective metric)");
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
