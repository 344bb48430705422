using System.Globalization;

namespace Crucible.Integration.Tests;

/// <summary>
/// A run as MLflow's file store holds it under <c>mlruns/&lt;experiment&gt;/&lt;run&gt;/</c>, read
/// straight from the files (not through Crucible's tracking code, which is what is under test).
/// </summary>
public sealed class RecordedRun
{
    private RecordedRun(string directory)
    {
        Directory = directory;
        Meta = ReadYaml(Path.Combine(directory, "meta.yaml"));
        Params = ReadValues(Path.Combine(directory, "params"));
        Tags = ReadValues(Path.Combine(directory, "tags"));
        Metrics = ReadMetrics(Path.Combine(directory, "metrics"));
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, string> Meta { get; }

    public string RunId => Meta["run_id"];

    public string ExperimentId => Meta["experiment_id"];

    /// <summary>MLflow's RunStatus: RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.</summary>
    public string Status => Meta["status"] switch
    {
        "1" => "RUNNING",
        "2" => "SCHEDULED",
        "3" => "FINISHED",
        "4" => "FAILED",
        "5" => "KILLED",
        var other => other,
    };

    public IReadOnlyDictionary<string, string> Params { get; }

    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Each metric's points in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> Metrics { get; }

    public string ArtifactsDirectory => Path.Combine(Directory, "artifacts");

    /// <summary>Artifact paths relative to the run's artifact root, with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Artifacts =>
        System.IO.Directory.Exists(ArtifactsDirectory)
            ? System.IO.Directory.EnumerateFiles(ArtifactsDirectory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ArtifactsDirectory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Dataset inputs: the meta.yaml of each dataset linked to this run.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Datasets
    {
        get
        {
            var inputs = Path.Combine(Directory, "inputs");
            if (!System.IO.Directory.Exists(inputs))
            {
                return [];
            }

            var experimentDir = Path.GetDirectoryName(Directory)!;
            return System.IO.Directory.EnumerateDirectories(inputs)
                .Select(d => ReadYaml(Path.Combine(d, "meta.yaml"))["source_id"])
                .Select(id => ReadYaml(Path.Combine(experimentDir, "datasets", id, "meta.yaml")))
                .ToList();
        }
    }

    /// <summary>The values of one metric in step order (the last one logged for each step).</summary>
    public IReadOnlyList<double> History(string key)
    {
        if (!Metrics.TryGetValue(key, out var points))
        {
            throw new KeyNotFoundException($"Metric '{key}' was not recorded. Recorded: {string.Join(", ", Metrics.Keys.Order(StringComparer.Ordinal))}");
        }

        return points.GroupBy(p => p.Step).OrderBy(g => g.Key).Select(g => g.Last().Value).ToList();
    }

    /// <summary>Every run in the file store under <paramref name="mlruns"/>, oldest first.</summary>
    public static IReadOnlyList<RecordedRun> All(string mlruns)
    {
        if (!System.IO.Directory.Exists(mlruns))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(mlruns)
            .SelectMany(System.IO.Directory.EnumerateDirectories)
            .Where(d => File.Exists(Path.Combine(d, "meta.yaml")) && System.IO.Directory.Exists(Path.Combine(d, "metrics")))
            .Select(d => new RecordedRun(d))
            .OrderBy(r => long.Parse(r.Meta["start_time"], CultureInfo.InvariantCulture))
            .ToList();
    }

    public static RecordedRun Single(string mlruns)
    {
        var runs = All(mlruns);
        if (runs.Count != 1)
        {
            throw new InvalidOperationException($"Expected exactly one run under {mlruns}, found {runs.Count}.");
        }

        return runs[0];
    }

    public static RecordedRun ById(string mlruns, string runId) =>
        All(mlruns).SingleOrDefault(r => r.RunId == runId)
        ?? throw new InvalidOperationException($"No run {runId} under {mlruns}.");

    private static Dictionary<string, string> ReadYaml(string path)
    {
        // MLflow writes flat "key: value" lines (plus a nested tags map we read as one level).
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            result.TryAdd(line[..colon].Trim(), value);
        }

        return result;
    }

    private static Dictionary<string, string> ReadValues(string directory)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(directory))
        {
            return result;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(directory, file).Replace('\\', '/')] = File.ReadAllText(file);
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<MetricPoint>> ReadMetrics(string directory)
    {
        var result = new Dictionary<string, IReadOnlyList<MetricPoint>>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(directory))
        {
            return result;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var points = File.ReadAllLines(file)
                .Where(l => l.Length > 0)
                .Select(l => l.Split(' '))
                .Select(p => new MetricPoint(
                    long.Parse(p[0], CultureInfo.InvariantCulture),
                    double.Parse(p[1], CultureInfo.InvariantCulture),
                    p.Length > 2 ? long.Parse(p[2], CultureInfo.InvariantCulture) : 0))
                .ToList();
            result[Path.GetRelativePath(directory, file).Replace('\\', '/')] = points;
        }

        return result;
    }
}

/// <summary>One line of an MLflow metric file: timestamp (ms), value, step.</summary>
public sealed record MetricPoint(long Timestamp, double Value, long Step);
