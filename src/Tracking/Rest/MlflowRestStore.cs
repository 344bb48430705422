using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Rest;

/// <summary>
/// An MLflow tracking server through REST API 2.0 (MLflow 2.x and 3.x). Artifacts go through the
/// server's <c>mlflow-artifacts</c> proxy (the default of <c>mlflow server</c>).
/// </summary>
public sealed class MlflowRestStore : ITrackingStore
{
    private const string Api = "/api/2.0/mlflow/";
    private const string ArtifactsApi = "/api/2.0/mlflow-artifacts/artifacts";


    private readonly MlflowHttpClient http;
    private readonly ConcurrentDictionary<string, string> artifactUris = new(StringComparer.Ordinal);

    /// <summary>
    /// Connects to the server at <paramref name="trackingUri"/> (<c>http(s)://[user:password@]host:port[/prefix]</c>).
    /// User info in the URI is used for basic authentication unless <paramref name="options"/> name
    /// a user (<c>MLFLOW_TRACKING_USERNAME</c>), and is kept out of <see cref="TrackingUri"/>.
    /// </summary>
    public MlflowRestStore(string trackingUri, MlflowRestOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        options ??= MlflowRestOptions.FromEnvironment();
        if (options.Username is null && UriUserInfo.Read(trackingUri) is var (user, password))
        {
            options = options with { Username = user, Password = password };
        }

        TrackingUri = UriUserInfo.Strip(trackingUri).TrimEnd('/');
        http = new MlflowHttpClient(TrackingUri, options);
    }

    /// <inheritdoc />
    /// <remarks>Without user info: it is shown and recorded, the credentials are not.</remarks>
    public string TrackingUri { get; }

    /// <summary>
    /// Page size of metric-history requests. MLflow 3.4 to 3.11 return no history without
    /// <c>max_results</c>, so it is always sent; 25000 is what MLflow's Python client sends.
    /// </summary>
    internal int HistoryPageSize { get; set; } = 25000;

    /// <inheritdoc />
    public async Task<string> CreateExperimentAsync(string name, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("name", name);
            if (tags is { Count: > 0 })
            {
                MlflowJson.WriteKeyValues(w, "tags", tags.Select(t => (t.Key, t.Value)));
            }
        });
        using var doc = await PostAsync("experiments/create", body, cancellationToken).ConfigureAwait(false);
        return MlflowJson.String(doc.RootElement, "experiment_id") ?? throw new TrackingException("experiments/create returned no experiment_id.");
    }

    /// <inheritdoc />
    public async Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            using var doc = await GetAsync("experiments/get-by-name", [new("experiment_name", name)], cancellationToken).ConfigureAwait(false);
            return MlflowJson.ReadExperiment(Required(doc.RootElement, "experiment"));
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        using var doc = await GetAsync("experiments/get", [new("experiment_id", experimentId)], cancellationToken).ConfigureAwait(false);
        return MlflowJson.ReadExperiment(Required(doc.RootElement, "experiment"));
    }

    /// <inheritdoc />
    public async Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default)
    {
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("experiment_id", experimentId);
            w.WriteString("key", key);
            w.WriteString("value", value);
        });
        (await PostAsync("experiments/set-experiment-tag", body, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <inheritdoc />
    public async Task<RunInfo> CreateRunAsync(
        string experimentId,
        string? runName,
        long startTime,
        string userId,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        ArgumentNullException.ThrowIfNull(tags);
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("experiment_id", experimentId);
            w.WriteNumber("start_time", startTime);
            if (runName is not null)
            {
                w.WriteString("run_name", runName);
            }

            if (!string.IsNullOrEmpty(userId))
            {
                w.WriteString("user_id", userId);
            }

            if (tags.Count > 0)
            {
                MlflowJson.WriteKeyValues(w, "tags", tags.Select(t => (t.Key, t.Value)));
            }
        });
        using var doc = await PostAsync("runs/create", body, cancellationToken).ConfigureAwait(false);
        var info = MlflowJson.ReadRunInfo(Required(Required(doc.RootElement, "run"), "info"));
        artifactUris[info.RunId] = info.ArtifactUri;
        return info;
    }

    /// <inheritdoc />
    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus? status, long? endTime, string? runName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("run_id", runId);
            if (status is { } s)
            {
                w.WriteString("status", RunStatusNames.ToMlflow(s));
            }

            if (endTime is { } e)
            {
                w.WriteNumber("end_time", e);
            }

            if (runName is not null)
            {
                w.WriteString("run_name", runName);
            }
        });
        using var doc = await PostAsync("runs/update", body, cancellationToken).ConfigureAwait(false);
        return MlflowJson.ReadRunInfo(Required(doc.RootElement, "run_info"));
    }

    /// <inheritdoc />
    public async Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var doc = await GetAsync("runs/get", [new("run_id", runId)], cancellationToken).ConfigureAwait(false);
        var run = MlflowJson.ReadRun(Required(doc.RootElement, "run"));
        artifactUris[run.Info.RunId] = run.Info.ArtifactUri;
        return run;
    }

    /// <inheritdoc />
    public async Task<RunsPage> SearchRunsAsync(SearchRunsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = MlflowJson.Write(w =>
        {
            w.WriteStartArray("experiment_ids");
            foreach (var id in query.ExperimentIds)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            if (!string.IsNullOrEmpty(query.Filter))
            {
                w.WriteString("filter", query.Filter);
            }

            if (query.OrderBy.Count > 0)
            {
                w.WriteStartArray("order_by");
                foreach (var o in query.OrderBy)
                {
                    w.WriteStringValue(o);
                }

                w.WriteEndArray();
            }

            if (query.MaxResults is { } max)
            {
                w.WriteNumber("max_results", max);
            }

            if (query.ViewType is { } view)
            {
                w.WriteString("run_view_type", view switch
                {
                    ViewType.DeletedOnly => "DELETED_ONLY",
                    ViewType.All => "ALL",
                    _ => "ACTIVE_ONLY",
                });
            }

            if (!string.IsNullOrEmpty(query.PageToken))
            {
                w.WriteString("page_token", query.PageToken);
            }
        });
        using var doc = await PostAsync("runs/search", body, cancellationToken).ConfigureAwait(false);
        var runs = MlflowJson.Array(doc.RootElement, "runs").Select(MlflowJson.ReadRun).ToList();
        return new RunsPage(runs, MlflowJson.String(doc.RootElement, "next_page_token"));
    }

    /// <inheritdoc />
    public async Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric> metrics,
        IReadOnlyList<Param> parameters,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tags);

        // Keys and values were validated once, by the RunRecorder before it queued them; the server checks its own rules.
        foreach (var (m, p, t) in BatchSplitter.Split(metrics, parameters, tags))
        {
            var body = MlflowJson.Write(w =>
            {
                w.WriteString("run_id", runId);
                if (m.Count > 0)
                {
                    w.WriteStartArray("metrics");
                    foreach (var metric in m)
                    {
                        MlflowJson.WriteMetric(w, metric);
                    }

                    w.WriteEndArray();
                }

                if (p.Count > 0)
                {
                    MlflowJson.WriteKeyValues(w, "params", p.Select(x => (x.Key, x.Value)));
                }

                if (t.Count > 0)
                {
                    MlflowJson.WriteKeyValues(w, "tags", t.Select(x => (x.Key, x.Value)));
                }
            });
            (await PostAsync("runs/log-batch", body, cancellationToken).ConfigureAwait(false)).Dispose();
        }
    }

    /// <summary>Logs one metric value with <c>runs/log-metric</c>.</summary>
    public async Task LogMetricAsync(string runId, Metric metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("key", metric.Key);
            MlflowJson.WriteDouble(w, "value", metric.Value);
            w.WriteNumber("timestamp", metric.Timestamp);
            w.WriteNumber("step", metric.Step);
        });
        (await PostAsync("runs/log-metric", body, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <summary>Logs one param with <c>runs/log-parameter</c>.</summary>
    public async Task LogParamAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("key", key);
            w.WriteString("value", value);
        });
        (await PostAsync("runs/log-parameter", body, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <inheritdoc />
    public async Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("key", key);
            w.WriteString("value", value);
        });
        (await PostAsync("runs/set-tag", body, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <inheritdoc />
    public async Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var body = MlflowJson.Write(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteStartArray("datasets");
            foreach (var input in inputs)
            {
                w.WriteStartObject();
                MlflowJson.WriteKeyValues(w, "tags", input.Tags.Select(t => (t.Key, t.Value)));
                w.WriteStartObject("dataset");
                w.WriteString("name", input.Dataset.Name);
                w.WriteString("digest", input.Dataset.Digest);
                w.WriteString("source_type", input.Dataset.SourceType);
                w.WriteString("source", input.Dataset.Source);
                if (input.Dataset.Schema is not null)
                {
                    w.WriteString("schema", input.Dataset.Schema);
                }

                if (input.Dataset.Profile is not null)
                {
                    w.WriteString("profile", input.Dataset.Profile);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        (await PostAsync("runs/log-inputs", body, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(key);
        var all = new List<Metric>();
        string? token = null;
        do
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("run_id", runId),
                new("metric_key", key),
                new("max_results", HistoryPageSize.ToString(CultureInfo.InvariantCulture)),
            };
            if (token is not null)
            {
                query.Add(new("page_token", token));
            }

            using var doc = await GetAsync("metrics/get-history", query, cancellationToken).ConfigureAwait(false);
            var page = MlflowJson.Array(doc.RootElement, "metrics").Select(MlflowJson.ReadMetric).ToList();
            all.AddRange(page);

            // A token with an empty page would loop forever on servers with the 3.4-3.11 bug.
            token = page.Count > 0 ? MlflowJson.String(doc.RootElement, "next_page_token") : null;
        }
        while (!string.IsNullOrEmpty(token));

        return all;
    }

    /// <inheritdoc />
    public async Task LogArtifactAsync(string runId, string localPath, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localPath);
        var root = await ArtifactRootAsync(runId, cancellationToken).ConfigureAwait(false);
        var prefix = string.IsNullOrEmpty(artifactPath) ? string.Empty : artifactPath.Trim('/') + "/";
        if (Directory.Exists(localPath))
        {
            foreach (var file in Directory.EnumerateFiles(localPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(localPath, file).Replace(Path.DirectorySeparatorChar, '/');
                await UploadAsync(root, prefix + rel, file, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (File.Exists(localPath))
        {
            await UploadAsync(root, prefix + Path.GetFileName(localPath), localPath, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new TrackingException($"Cannot log artifact '{localPath}': no such file or folder.");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default)
    {
        var root = await ArtifactRootAsync(runId, cancellationToken).ConfigureAwait(false);
        var rel = string.IsNullOrEmpty(path) ? string.Empty : path.Trim('/');
        var listed = rel.Length == 0 ? root : root + "/" + rel;
        using var doc = await http.GetJsonAsync(ArtifactsApi, [new("path", listed)], cancellationToken).ConfigureAwait(false);
        return MlflowJson.Array(doc.RootElement, "files")
            .Select(f =>
            {
                var name = MlflowJson.String(f, "path") ?? string.Empty;
                var isDir = f.TryGetProperty("is_dir", out var d) && d.ValueKind == JsonValueKind.True;
                return new ArtifactInfo(rel.Length == 0 ? name : rel + "/" + name, isDir, isDir ? null : MlflowJson.Long(f, "file_size"));
            })
            .ToList();
    }

    /// <inheritdoc />
    public async Task<string> DownloadArtifactsAsync(string runId, string? artifactPath, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinationDirectory);
        var rel = string.IsNullOrEmpty(artifactPath) ? string.Empty : artifactPath.Trim('/');
        Directory.CreateDirectory(destinationDirectory);

        // A path is a folder when listing it gives entries; MLflow lists a file as nothing.
        var children = await ListArtifactsAsync(runId, rel, cancellationToken).ConfigureAwait(false);
        if (rel.Length > 0 && children.Count == 0)
        {
            var dest = Path.Combine(destinationDirectory, Path.GetFileName(rel));
            await DownloadArtifactFileAsync(runId, rel, dest, cancellationToken).ConfigureAwait(false);
            return dest;
        }

        var target = rel.Length == 0 ? destinationDirectory : Path.Combine(destinationDirectory, rel);
        Directory.CreateDirectory(target);
        foreach (var child in children)
        {
            var childParent = Path.GetDirectoryName(Path.Combine(destinationDirectory, child.Path))!;
            if (child.IsDirectory)
            {
                await DownloadArtifactsAsync(runId, child.Path, destinationDirectory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Directory.CreateDirectory(childParent);
                await DownloadArtifactFileAsync(runId, child.Path, Path.Combine(destinationDirectory, child.Path), cancellationToken).ConfigureAwait(false);
            }
        }

        return target;
    }

    /// <summary>Downloads one artifact file (a path relative to the run's artifact root) to <paramref name="localFile"/>.</summary>
    public async Task DownloadArtifactFileAsync(string runId, string artifactPath, string localFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactPath);
        ArgumentNullException.ThrowIfNull(localFile);
        var root = await ArtifactRootAsync(runId, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localFile))!);
        await http.DownloadAsync(ArtifactsApi + "/" + EscapePath(root + "/" + artifactPath.Trim('/')), localFile, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    /// <summary>The HTTP client (tests call endpoints the store does not use).</summary>
    internal MlflowHttpClient Http => http;

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string ContentType(string file) => Path.GetExtension(file).ToUpperInvariant() switch
    {
        ".TXT" or ".LOG" or ".MD" => "text/plain",
        _ => "application/octet-stream",
    };

    private async Task UploadAsync(string root, string relative, string localFile, CancellationToken cancellationToken) =>
        await http.PutFileAsync(ArtifactsApi + "/" + EscapePath(root + "/" + relative), localFile, ContentType(localFile), cancellationToken).ConfigureAwait(false);

    // "mlflow-artifacts:/1/<run>/artifacts" (or "mlflow-artifacts://host/1/...") -> "1/<run>/artifacts".
    private async Task<string> ArtifactRootAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (!artifactUris.TryGetValue(runId, out var uri))
        {
            uri = (await GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).Info.ArtifactUri;
        }

        const string scheme = "mlflow-artifacts:";
        if (!uri.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new TrackingException(
                $"Run {runId} stores artifacts at '{uri}', which this client cannot reach through the server. " +
                "Start the MLflow server with artifact proxying (the default: `mlflow server --artifacts-destination ...`).");
        }

        var rest = uri[scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? string.Empty : rest[slash..];
        }

        return rest.Trim('/');
    }

    // An answer without the expected field (an empty or cut-off body) is a server fault, not a crash.
    private JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new TrackingException($"The MLflow server at {TrackingUri} answered without '{name}': {Truncate(element.GetRawText())}");

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "..." : text;

    private Task<JsonDocument> PostAsync(string endpoint, byte[] body, CancellationToken cancellationToken) =>
        http.PostJsonAsync(Api + endpoint, body, cancellationToken);

    private Task<JsonDocument> GetAsync(string endpoint, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken) =>
        http.GetJsonAsync(Api + endpoint, query, cancellationToken);
}
