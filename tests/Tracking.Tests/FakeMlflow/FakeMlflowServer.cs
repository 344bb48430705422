using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Tracking.Model;

namespace Crucible.Tracking.Tests.FakeMlflow;

/// <summary>
/// An in-memory MLflow tracking server (REST API 2.0 and the mlflow-artifacts proxy) that keeps
/// state, enforces MLflow's batch limits and param immutability with MLflow's messages, and can be
/// told to fail: answer 503 (with Retry-After), drop connections, lose the answer to a log-batch it
/// stored, or be down. An exact repeat of a metric point (key, value, timestamp, step) is stored
/// once, as MLflow's SQL store does.
/// </summary>
public sealed partial class FakeMlflowServer : IDisposable
{
    private readonly LoopbackHttpServer http;
    private readonly object gate = new();
    private readonly Dictionary<string, FakeExperiment> experiments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRun> runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> artifacts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly List<byte[]> received = [];
    private int nextExperiment = 1;

    public FakeMlflowServer()
    {
        experiments["0"] = new FakeExperiment("0", "Default");
        http = new LoopbackHttpServer(HandleAsync);
    }

    public enum Fault
    {
        ServiceUnavailable,
        ServiceUnavailableRetryAfter,
        DropConnection,

        /// <summary>The next log-batch is processed (and stored), then its connection is dropped: the answer is lost.</summary>
        LoseLogBatchResponse,
    }

    public string BaseUri => http.BaseUri;

    /// <summary>When true every request gets 503, as a server that is down behind a proxy.</summary>
    public bool Down { get; set; }

    /// <summary>When true every request's connection is dropped without an answer.</summary>
    public bool Unreachable { get; set; }

    public int Requests => requests;

    /// <summary>The Authorization header of the last request.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>
    /// When set, a request without exactly this Authorization header is answered 401 with a
    /// <c>WWW-Authenticate</c> challenge, as <c>mlflow server --app-name basic-auth</c> answers.
    /// </summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Every request as it arrived (method, URL, headers other than Authorization, body), to search what clients sent.</summary>
    public IReadOnlyList<byte[]> ReceivedRequests
    {
        get
        {
            lock (received)
            {
                return received.ToList();
            }
        }
    }

    public int FailedRequests => failedRequests;

    /// <summary>Each successfully processed metric point: (run, key, step, timestamp, value) and how often it arrived.</summary>
    public ConcurrentDictionary<(string Run, string Key, long Step, long Timestamp, double Value), int> MetricReceipts { get; } = new();

    public List<string> LogBatchBodies { get; } = [];

    private int requests;
    private int failedRequests;

    public void InjectFaults(Fault fault, int count)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(fault);
        }
    }

    public int PendingFaults => faults.Count;

    /// <summary>How many runs the server holds.</summary>
    public int RunCount
    {
        get
        {
            lock (gate)
            {
                return runs.Count;
            }
        }
    }

    public FakeRunView Run(string runId)
    {
        lock (gate)
        {
            var r = runs[runId];
            return new FakeRunView(r.Status, r.EndTime, new Dictionary<string, string>(r.Params), new Dictionary<string, string>(r.Tags), r.Metrics.ToList(), r.Inputs.Count);
        }
    }

    public byte[]? Artifact(string path)
    {
        lock (gate)
        {
            return artifacts.TryGetValue(path, out var b) ? b : null;
        }
    }

    public void Dispose() => http.Dispose();

    private void Receive(FakeHttpRequest request)
    {
        var head = new StringBuilder().Append(request.Method).Append(' ').Append(request.RawUrl).Append('\n');
        foreach (var (name, value) in request.Headers.Where(h => h.Key != "AUTHORIZATION"))
        {
            head.Append(name).Append(": ").Append(value).Append('\n');
        }

        lock (received)
        {
            received.Add([.. Encoding.UTF8.GetBytes(head.ToString()), .. request.Body]);
        }
    }

    // The one filter form the client sends: tags.`key` = 'value' (the provisional-run lookup of a sync).
    [System.Text.RegularExpressions.GeneratedRegex(@"^tags\.`?(?<key>[^`=\s]+)`?\s*=\s*'(?<value>[^']*)'$")]
    private static partial System.Text.RegularExpressions.Regex TagEquals();

    private Task<FakeHttpResponse?> HandleAsync(FakeHttpRequest request)
    {
        Interlocked.Increment(ref requests);
        LastAuthorization = request.Header("Authorization");
        Receive(request);
        var body = request.Body;
        if (RequiredAuthorization is { } required && LastAuthorization != required)
        {
            Interlocked.Increment(ref failedRequests);
            return Task.FromResult<FakeHttpResponse?>(new FakeHttpResponse(
                401,
                "text/plain",
                Encoding.UTF8.GetBytes("You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate."),
                new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"mlflow\"" }));
        }

        if (Unreachable || (faults.TryPeek(out var f) && f == Fault.DropConnection && faults.TryDequeue(out _)))
        {
            Interlocked.Increment(ref failedRequests);
            return Task.FromResult<FakeHttpResponse?>(null);
        }

        if (Down || (faults.TryPeek(out f) && f is Fault.ServiceUnavailable or Fault.ServiceUnavailableRetryAfter && faults.TryDequeue(out _)))
        {
            Interlocked.Increment(ref failedRequests);
            var headers = !Down && f == Fault.ServiceUnavailableRetryAfter ? new Dictionary<string, string> { ["Retry-After"] = "0" } : null;
            return Task.FromResult<FakeHttpResponse?>(new FakeHttpResponse(503, "text/html", Encoding.UTF8.GetBytes("<html>503 Service Unavailable</html>"), headers));
        }

        var raw = request.RawUrl;
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(q < 0 ? raw : raw[..q]);
        var query = ParseQuery(q < 0 ? string.Empty : raw[(q + 1)..]);
        (int Status, string ContentType, byte[] Body) answer;
        try
        {
            lock (gate)
            {
                answer = Dispatch(request.Method, path, query, body);
            }
        }
        catch (ApiError e)
        {
            answer = (e.Status, "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["error_code"] = e.Code, ["message"] = e.Message }.ToJsonString()));
        }

        if (answer.Status == 200 && path.EndsWith("/runs/log-batch", StringComparison.Ordinal)
            && faults.TryPeek(out f) && f == Fault.LoseLogBatchResponse && faults.TryDequeue(out _))
        {
            Interlocked.Increment(ref failedRequests);
            return Task.FromResult<FakeHttpResponse?>(null);
        }

        return Task.FromResult<FakeHttpResponse?>(new FakeHttpResponse(answer.Status, answer.ContentType, answer.Body));
    }

    private (int, string, byte[]) Dispatch(string method, string path, Dictionary<string, string> query, byte[] body)
    {
        const string artifactsPrefix = "/api/2.0/mlflow-artifacts/artifacts";
        if (path.StartsWith(artifactsPrefix, StringComparison.Ordinal))
        {
            var rel = path[artifactsPrefix.Length..].TrimStart('/');
            if (method == "PUT")
            {
                artifacts[rel] = body;
                return Json(new JsonObject());
            }

            if (rel.Length == 0)
            {
                var folder = query.GetValueOrDefault("path", string.Empty).Trim('/') + "/";
                var files = new JsonArray();
                foreach (var name in artifacts.Keys.Where(k => k.StartsWith(folder, StringComparison.Ordinal))
                    .Select(k => k[folder.Length..]).Select(k => k.Contains('/', StringComparison.Ordinal) ? k[..(k.IndexOf('/', StringComparison.Ordinal) + 1)] : k)
                    .Distinct().Order(StringComparer.Ordinal))
                {
                    files.Add(name.EndsWith('/')
                        ? new JsonObject { ["path"] = name.TrimEnd('/'), ["is_dir"] = true }
                        : new JsonObject { ["path"] = name, ["is_dir"] = false, ["file_size"] = artifacts[folder + name].Length });
                }

                return Json(files.Count == 0 ? new JsonObject() : new JsonObject { ["files"] = files });
            }

            if (!artifacts.TryGetValue(rel, out var content))
            {
                throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", $"File not found: {rel}");
            }

            return (200, "application/octet-stream", content);
        }

        var endpoint = path.Replace("/api/2.0/mlflow/", string.Empty, StringComparison.Ordinal);
        var doc = body.Length > 0 && method == "POST" ? JsonNode.Parse(body)!.AsObject() : new JsonObject();
        switch (method, endpoint)
        {
            case ("GET", "experiments/get-by-name"):
                var byName = experiments.Values.FirstOrDefault(e => e.Name == query["experiment_name"])
                    ?? throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{query["experiment_name"]}'");
                return Json(new JsonObject { ["experiment"] = byName.ToJson() });
            case ("GET", "experiments/get"):
                var byId = experiments.GetValueOrDefault(query["experiment_id"])
                    ?? throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={query["experiment_id"]} exists");
                return Json(new JsonObject { ["experiment"] = byId.ToJson() });
            case ("POST", "experiments/create"):
                var name = Str(doc, "name") ?? throw new ApiError(400, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'.");
                if (experiments.Values.Any(e => e.Name == name))
                {
                    throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
                }

                var id = (nextExperiment++).ToString(CultureInfo.InvariantCulture);
                var exp = new FakeExperiment(id, name);
                foreach (var t in Pairs(doc, "tags"))
                {
                    exp.Tags[t.Key] = t.Value;
                }

                experiments[id] = exp;
                return Json(new JsonObject { ["experiment_id"] = id });
            case ("POST", "experiments/set-experiment-tag"):
                experiments[Str(doc, "experiment_id")!].Tags[Str(doc, "key")!] = Str(doc, "value")!;
                return Json(new JsonObject());
            case ("POST", "runs/create"):
                var expId = Str(doc, "experiment_id")!;
                if (!experiments.ContainsKey(expId))
                {
                    throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={expId} exists");
                }

                var run = new FakeRun(Guid.NewGuid().ToString("N"), expId, Str(doc, "run_name") ?? "run", Str(doc, "user_id") ?? string.Empty, doc["start_time"]!.GetValue<long>());
                foreach (var t in Pairs(doc, "tags"))
                {
                    run.Tags[t.Key] = t.Value;
                }

                run.Tags["mlflow.runName"] = run.Name;
                runs[run.Id] = run;
                return Json(new JsonObject { ["run"] = run.ToJson() });
            case ("POST", "runs/update"):
                var updated = Active(Str(doc, "run_id")!);
                if (Str(doc, "status") is { } status)
                {
                    updated.Status = status;
                }

                if (doc["end_time"] is { } end)
                {
                    updated.EndTime = end.GetValue<long>();
                }

                return Json(new JsonObject { ["run_info"] = updated.InfoJson() });
            case ("GET", "runs/get"):
                return Json(new JsonObject { ["run"] = Find(query["run_id"]).ToJson() });
            case ("POST", "runs/search"):
                var ids = doc["experiment_ids"]!.AsArray().Select(x => x!.GetValue<string>()).ToHashSet();
                var max = doc["max_results"]?.GetValue<int>() ?? 1000;
                var offset = Str(doc, "page_token") is { } tok ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(tok)), CultureInfo.InvariantCulture) : 0;
                var tagFilter = TagEquals().Match(Str(doc, "filter") ?? string.Empty);
                var matching = runs.Values
                    .Where(r => ids.Contains(r.ExperimentId) && r.Stage == "active")
                    .Where(r => !tagFilter.Success || r.Tags.GetValueOrDefault(tagFilter.Groups["key"].Value) == tagFilter.Groups["value"].Value)
                    .OrderByDescending(r => r.StartTime).ToList();
                var page = new JsonArray(matching.Skip(offset).Take(max).Select(r => (JsonNode)r.ToJson()).ToArray());
                var result = new JsonObject { ["runs"] = page };
                if (offset + max < matching.Count)
                {
                    result["next_page_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + max).ToString(CultureInfo.InvariantCulture)));
                }

                return Json(result);
            case ("POST", "runs/delete"):
                Find(Str(doc, "run_id")!).Stage = "deleted";
                return Json(new JsonObject());
            case ("POST", "runs/restore"):
                Find(Str(doc, "run_id")!).Stage = "active";
                return Json(new JsonObject());
            case ("POST", "runs/log-batch"):
                LogBatch(doc);
                LogBatchBodies.Add(Encoding.UTF8.GetString(body));
                return Json(new JsonObject());
            case ("POST", "runs/set-tag"):
                Active(Str(doc, "run_id")!).Tags[Str(doc, "key")!] = Str(doc, "value")!;
                return Json(new JsonObject());
            case ("POST", "runs/delete-tag"):
                Active(Str(doc, "run_id")!).Tags.Remove(Str(doc, "key")!);
                return Json(new JsonObject());
            case ("POST", "runs/log-inputs"):
                var withInputs = Active(Str(doc, "run_id")!);
                foreach (var d in doc["datasets"]!.AsArray())
                {
                    var key = d!["dataset"]!["name"]!.GetValue<string>() + "/" + d["dataset"]!["digest"]!.GetValue<string>();
                    if (!withInputs.Inputs.ContainsKey(key))
                    {
                        withInputs.Inputs[key] = d.DeepClone().AsObject();
                    }
                }

                return Json(new JsonObject());
            case ("GET", "metrics/get-history"):
                var historyRun = Find(query["run_id"]);
                if (!query.TryGetValue("max_results", out var maxText))
                {
                    // MLflow 3.4-3.11: without max_results the answer has no metrics and a token that never advances.
                    return Json(new JsonObject { ["next_page_token"] = "eyJvZmZzZXQiOiAwfQ==" });
                }

                var history = historyRun.Metrics.Where(m => m.Key == query["metric_key"]).ToList();
                var start = query.TryGetValue("page_token", out var pt) ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(pt)), CultureInfo.InvariantCulture) : 0;
                var size = int.Parse(maxText, CultureInfo.InvariantCulture);
                var slice = history.Skip(start).Take(size).Select(m => (JsonNode)MetricJson(m)).ToArray();
                var h = slice.Length == 0 ? new JsonObject() : new JsonObject { ["metrics"] = new JsonArray(slice) };
                if (start + size < history.Count)
                {
                    h["next_page_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((start + size).ToString(CultureInfo.InvariantCulture)));
                }

                return Json(h);
            default:
                return (404, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<!doctype html>\n<title>404 Not Found</title>\n"));
        }
    }

    private void LogBatch(JsonObject doc)
    {
        var run = Active(Str(doc, "run_id")!);
        var metrics = doc["metrics"]?.AsArray() ?? [];
        var ps = Pairs(doc, "params");
        var tags = Pairs(doc, "tags");
        if (metrics.Count > 1000)
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 1000 metrics. Got {metrics.Count} metrics. Please split up metrics across multiple requests and try again.");
        }

        if (ps.Count > 100)
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 100 params. Got {ps.Count} params. Please split up params across multiple requests and try again.");
        }

        if (tags.Count > 100)
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 100 tags. Got {tags.Count} tags. Please split up tags across multiple requests and try again.");
        }

        var total = metrics.Count + ps.Count + tags.Count;
        if (total > 1000)
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 1000 metrics, params, and tags. Got {total} metrics, params, and tags. Please split up metrics, params, and tags across multiple requests and try again.");
        }

        if (ps.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1) is { } dup)
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"Duplicate parameter keys have been submitted: ['{dup.Key}']. Please ensure the request contains only one param value per param key.");
        }

        foreach (var p in ps)
        {
            if (run.Params.TryGetValue(p.Key, out var old) && old != p.Value)
            {
                throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Params were already logged='[{{'key': '{p.Key}', 'old_value': '{old}', 'new_value': '{p.Value}'}}]' for run ID='{run.Id}'.");
            }
        }

        foreach (var p in ps)
        {
            run.Params[p.Key] = p.Value;
        }

        foreach (var t in tags)
        {
            run.Tags[t.Key] = t.Value;
        }

        foreach (var m in metrics)
        {
            var v = m!["value"]!;
            var value = v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity }
                : v.GetValue<double>();
            var metric = new Metric(m["key"]!.GetValue<string>(), value, m["timestamp"]!.GetValue<long>(), m["step"]?.GetValue<long>() ?? 0);
            MetricReceipts.AddOrUpdate((run.Id, metric.Key, metric.Step, metric.Timestamp, metric.Value), 1, (_, c) => c + 1);

            // MLflow's SQL store ignores a point identical to one it already has.
            if (run.MetricSet.Add(metric))
            {
                run.Metrics.Add(metric);
            }
        }
    }

    private FakeRun Find(string runId) =>
        runs.GetValueOrDefault(runId) ?? throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", $"Run with id={runId} not found");

    private FakeRun Active(string runId)
    {
        var run = Find(runId);
        if (run.Stage != "active")
        {
            throw new ApiError(400, "INVALID_PARAMETER_VALUE", $"The run {runId} must be in the 'active' state. Current state is {run.Stage}.");
        }

        return run;
    }

    private static JsonObject MetricJson(Metric m) => new()
    {
        ["key"] = m.Key,
        ["value"] = double.IsNaN(m.Value) ? "NaN" : double.IsPositiveInfinity(m.Value) ? "Infinity" : double.IsNegativeInfinity(m.Value) ? "-Infinity" : JsonValue.Create(m.Value),
        ["timestamp"] = m.Timestamp,
        ["step"] = m.Step,
    };

    private static string? Str(JsonObject doc, string name) => doc[name]?.GetValue<string>();

    private static List<KeyValuePair<string, string>> Pairs(JsonObject doc, string name) =>
        doc[name]?.AsArray().Select(x => new KeyValuePair<string, string>(x!["key"]!.GetValue<string>(), x["value"]!.GetValue<string>())).ToList() ?? [];

    private static (int, string, byte[]) Json(JsonNode node) => (200, "application/json", Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(eq < 0 ? part : part[..eq])] = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
        }

        return result;
    }

    public sealed record FakeRunView(string Status, long? EndTime, Dictionary<string, string> Params, Dictionary<string, string> Tags, List<Metric> Metrics, int Inputs);

    private sealed class ApiError(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;
    }

    private sealed class FakeExperiment(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public JsonObject ToJson() => new()
        {
            ["experiment_id"] = Id,
            ["name"] = Name,
            ["artifact_location"] = "mlflow-artifacts:/" + Id,
            ["lifecycle_stage"] = "active",
            ["tags"] = new JsonArray(Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
        };
    }

    private sealed class FakeRun(string id, string experimentId, string name, string user, long startTime)
    {
        public string Id { get; } = id;

        public string ExperimentId { get; } = experimentId;

        public string Name { get; } = name;

        public long StartTime { get; } = startTime;

        public string Status { get; set; } = "RUNNING";

        public long? EndTime { get; set; }

        public string Stage { get; set; } = "active";

        public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public List<Metric> Metrics { get; } = [];

        public HashSet<Metric> MetricSet { get; } = [];

        public Dictionary<string, JsonObject> Inputs { get; } = new(StringComparer.Ordinal);

        public JsonObject InfoJson()
        {
            var info = new JsonObject
            {
                ["run_uuid"] = Id,
                ["experiment_id"] = ExperimentId,
                ["run_name"] = Name,
                ["user_id"] = user,
                ["status"] = Status,
                ["start_time"] = StartTime,
                ["artifact_uri"] = $"mlflow-artifacts:/{ExperimentId}/{Id}/artifacts",
                ["lifecycle_stage"] = Stage,
                ["run_id"] = Id,
            };
            if (EndTime is { } end)
            {
                info["end_time"] = end;
            }

            return info;
        }

        public JsonObject ToJson()
        {
            var latest = Metrics.GroupBy(m => m.Key)
                .Select(g => g.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Last())
                .Select(m => (JsonNode)MetricJson(m))
                .ToArray();
            return new JsonObject
            {
                ["info"] = InfoJson(),
                ["data"] = new JsonObject
                {
                    ["metrics"] = new JsonArray(latest),
                    ["params"] = new JsonArray(Params.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray()),
                    ["tags"] = new JsonArray(Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
                },
                ["inputs"] = Inputs.Count == 0 ? new JsonObject() : new JsonObject { ["dataset_inputs"] = new JsonArray(Inputs.Values.Select(i => (JsonNode)i.DeepClone()).ToArray()) },
            };
        }
    }
}
