using System.Text;
using System.Text.Json;

namespace Crucible.Tracking.Tests.FakeMlflow;

/// <summary>
/// Answers exactly as a recorded MLflow server did: the test names the call it expects next; each
/// request is compared with the recorded request (method, path, query, content type, body field by
/// field) and answered with the recorded status, content type and body. Retries of the same call
/// get the same answer.
/// </summary>
public sealed class TranscriptServer : IDisposable
{
    private readonly LoopbackHttpServer http;
    private readonly object gate = new();
    private Transcript? expected;

    public TranscriptServer() => http = new LoopbackHttpServer(HandleAsync);

    public string BaseUri => http.BaseUri;

    public List<string> Mismatches { get; } = [];

    public int RequestsForCurrent { get; private set; }

    public void Expect(Transcript transcript)
    {
        lock (gate)
        {
            expected = transcript;
            RequestsForCurrent = 0;
        }
    }

    public void Dispose() => http.Dispose();

    private Task<FakeHttpResponse?> HandleAsync(FakeHttpRequest request)
    {
        var raw = request.RawUrl;
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? raw : raw[..q];
        var query = ParseQuery(q < 0 ? string.Empty : raw[(q + 1)..]);
        Transcript? t;
        lock (gate)
        {
            t = expected;
            RequestsForCurrent++;
        }

        if (t is null)
        {
            Record($"unexpected request {request.Method} {raw}");
            return Task.FromResult<FakeHttpResponse?>(new FakeHttpResponse(404, "application/json", Encoding.UTF8.GetBytes("{\"error_code\": \"ENDPOINT_NOT_FOUND\", \"message\": \"no call expected\"}")));
        }

        var where = t.File;
        if (request.Method != t.Method)
        {
            Record($"{where}: method {request.Method}, expected {t.Method}");
        }

        if (Uri.UnescapeDataString(path) != t.Path)
        {
            Record($"{where}: path {path}, expected {t.Path}");
        }

        foreach (var (k, v) in t.Query)
        {
            if (!query.TryGetValue(k, out var actual) || actual != v)
            {
                Record($"{where}: query {k}={(actual ?? "<missing>")}, expected {v}");
            }
        }

        foreach (var (k, v) in query)
        {
            // Crucible always sends max_results to get-history (MLflow 3.4-3.11 return nothing without it).
            var allowed = k == "max_results" && t.Path.EndsWith("/metrics/get-history", StringComparison.Ordinal);
            if (!t.Query.ContainsKey(k) && !allowed)
            {
                Record($"{where}: unexpected query {k}={v}");
            }
        }

        var contentType = request.Header("Content-Type")?.Split(';')[0].Trim();
        if (t.RequestContentType is not null && contentType != t.RequestContentType)
        {
            Record($"{where}: content type {contentType}, expected {t.RequestContentType}");
        }

        var bytes = request.Body;
        if (t.HasJsonRequest)
        {
            try
            {
                using var actual = JsonDocument.Parse(bytes);
                foreach (var diff in JsonComparer.Differences(t.RequestBody, actual.RootElement))
                {
                    Record($"{where}: body {diff}");
                }
            }
            catch (JsonException ex)
            {
                Record($"{where}: body is not JSON ({ex.Message})");
            }
        }
        else if (t.RequestBody.ValueKind == JsonValueKind.String)
        {
            if (Encoding.UTF8.GetString(bytes) != t.RequestBody.GetString())
            {
                Record($"{where}: body text differs");
            }
        }
        else if (bytes.Length > 0)
        {
            Record($"{where}: unexpected body of {bytes.Length} bytes");
        }

        return Task.FromResult<FakeHttpResponse?>(new FakeHttpResponse(t.StatusCode, t.ResponseContentType ?? "application/octet-stream", t.ResponseBody));
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            result[k] = v;
        }

        return result;
    }

    private void Record(string mismatch)
    {
        lock (gate)
        {
            Mismatches.Add(mismatch);
        }
    }
}
