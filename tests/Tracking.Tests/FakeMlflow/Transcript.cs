using System.Text.Json;

namespace Crucible.Tracking.Tests.FakeMlflow;

/// <summary>One recorded HTTP call of a real MLflow server (a file of the fixtures' rest folders).</summary>
public sealed record Transcript(
    string File,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? RequestContentType,
    JsonElement RequestBody,
    int StatusCode,
    string? ResponseContentType,
    byte[] ResponseBody)
{
    public bool HasJsonRequest => RequestBody.ValueKind == JsonValueKind.Object;

    /// <summary>All calls of a fixture folder, in the order they were made (index.json first, then the rest by name).</summary>
    public static List<Transcript> LoadFolder(string folder)
    {
        using var index = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(folder, "index.json")));
        var names = index.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("file").GetString()!).ToList();
        var extra = Directory.EnumerateFiles(folder, "*.json")
            .Select(f => System.IO.Path.GetFileName(f))
            .Where(n => !n.StartsWith("index", StringComparison.Ordinal) && !names.Contains(n))
            .Order(StringComparer.Ordinal);
        return names.Concat(extra)
            .Where(n => System.IO.File.Exists(System.IO.Path.Combine(folder, n)))
            .Select(n => Load(System.IO.Path.Combine(folder, n)))
            .ToList();
    }

    public static Transcript Load(string path)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var e = doc.RootElement;
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.GetProperty("query").ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.GetProperty("query").EnumerateObject())
            {
                query[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        var kind = e.GetProperty("response_body_kind").GetString();
        var body = e.GetProperty("response_body");
        var bytes = kind switch
        {
            "json" => JsonSerializer.SerializeToUtf8Bytes(body),
            "base64" => Convert.FromBase64String(body.GetString()!),
            _ => System.Text.Encoding.UTF8.GetBytes(body.GetString() ?? string.Empty),
        };
        string? responseType = null;
        if (e.GetProperty("response_headers").TryGetProperty("Content-Type", out var ct))
        {
            responseType = ct.GetString();
        }

        return new Transcript(
            System.IO.Path.GetFileName(path),
            e.GetProperty("method").GetString()!,
            e.GetProperty("path").GetString()!,
            query,
            e.GetProperty("request_content_type").ValueKind == JsonValueKind.String ? e.GetProperty("request_content_type").GetString() : null,
            e.GetProperty("request_body").Clone(),
            e.GetProperty("status_code").GetInt32(),
            responseType,
            bytes);
    }
}
