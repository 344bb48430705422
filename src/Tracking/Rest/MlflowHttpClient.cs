using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Crucible.Tracking.Rest;

/// <summary>
/// One pooled HTTP connection set to an MLflow server, with auth. Each call is one attempt: there is
/// one retry policy, the <see cref="RunRecorder"/>'s delivery loop (records wait in the outbox
/// between attempts), so nothing is retried here. Error answers become typed
/// <see cref="MlflowApiException"/>s (with the server's Retry-After, for the loop to honour); a
/// server that does not answer is a <see cref="TrackingException"/>.
/// </summary>
internal sealed class MlflowHttpClient : IDisposable
{
    private readonly HttpClient http;
    private readonly MlflowRestOptions options;

    public MlflowHttpClient(string baseUri, MlflowRestOptions options)
    {
        this.options = options;
        BaseUri = baseUri.TrimEnd('/');
        var handler = new SocketsHttpHandler
        {
            // Connections are reused; recycle them now and then so DNS changes are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = 8,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (options.InsecureTls)
        {
#pragma warning disable CA5359 // The user asked for it explicitly with MLFLOW_TRACKING_INSECURE_TLS, as MLflow's own client allows.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        if (options.Username is not null)
        {
            var raw = Encoding.UTF8.GetBytes(options.Username + ":" + (options.Password ?? string.Empty));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }
        else if (options.Token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }

        http.DefaultRequestHeaders.UserAgent.ParseAdd("crucible-mlflow-client/0.1");
    }

    public string BaseUri { get; }

    public async Task<JsonDocument> GetJsonAsync(string path, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var url = BaseUri + path + QueryString(query);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonDocument> PostJsonAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        var url = BaseUri + path;
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            },
            cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task PutFileAsync(string path, string localFile, string contentType, CancellationToken cancellationToken)
    {
        var url = BaseUri + path;
        using var response = await SendAsync(
            () =>
            {
                var stream = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
                return new HttpRequestMessage(HttpMethod.Put, url)
                {
                    Content = new StreamContent(stream) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
                };
            },
            cancellationToken).ConfigureAwait(false);
        (await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    public async Task DownloadAsync(string path, string localFile, CancellationToken cancellationToken)
    {
        var url = BaseUri + path;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken, streamBody: true).ConfigureAwait(false);
        var tmp = localFile + ".partial";
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(tmp, localFile, overwrite: true);
    }

    public void Dispose() => http.Dispose();

    internal static string QueryString(IEnumerable<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in query)
        {
            sb.Append(sb.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
        }

        return sb.ToString();
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new TrackingException($"The MLflow server at {response.RequestMessage?.RequestUri} answered with a body that is not JSON: {Snippet(bytes)}", ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken, bool streamBody = false)
    {
        using var request = createRequest();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, streamBody ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or SocketException or OperationCanceledException)
        {
            throw new TrackingException(
                $"Cannot reach the MLflow server at {BaseUri} ({request.Method} {request.RequestUri?.AbsolutePath}): {ex.Message}",
                ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            error.RetryAfter = RetryAfter(response);
            throw error;
        }
    }

    // The server's Retry-After (seconds or a date), when it sent one.
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is null ? null : (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }

    private static async Task<MlflowApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error_code", out var code))
            {
                var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                return code.GetString() switch
                {
                    "RESOURCE_DOES_NOT_EXIST" => new ResourceNotFoundException(message),
                    "RESOURCE_ALREADY_EXISTS" => new ResourceAlreadyExistsException(message),
                    "INVALID_PARAMETER_VALUE" when response.StatusCode == HttpStatusCode.BadRequest => new InvalidParameterException(message),
                    var other => new MlflowApiException(response.StatusCode, other ?? "INTERNAL_ERROR", message),
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. the HTML 404 page of an unknown endpoint): reported below.
        }

        var errorCode = response.StatusCode == HttpStatusCode.NotFound ? "ENDPOINT_NOT_FOUND" : "HTTP_" + (int)response.StatusCode;
        return new MlflowApiException(
            response.StatusCode,
            errorCode,
            $"HTTP {(int)response.StatusCode} from {where}: {Snippet(bytes)}. Is this an MLflow tracking server (2.x or 3.x)?");
    }

    private static string Snippet(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300));
        return text.ReplaceLineEndings(" ").Trim();
    }
}
