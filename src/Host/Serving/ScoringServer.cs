using System.Text;
using System.Text.Json;
using Crucible.Host.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Serving;

/// <summary>
/// MLflow's scoring protocol on Kestrel (MLflow's <c>pyfunc/scoring_server</c>): <c>GET /ping</c>,
/// <c>/health</c>, <c>/version</c>; <c>POST /invocations</c> with a JSON body holding one of
/// <c>dataframe_split</c>, <c>dataframe_records</c>, <c>instances</c>, <c>inputs</c>, or a CSV body,
/// answered <c>{"predictions": [...]}</c>. Bad input gets MLflow's error JSON
/// (<c>{"error_code", "message"}</c>) with 400, never a stack trace; a body over the limit gets 413
/// with the same JSON; a content type other than JSON or CSV gets MLflow's 415 text (also when the
/// request has none, where MLflow answers 500); other methods and paths get 405 and 404.
/// </summary>
internal static class ScoringServer
{
    /// <summary>Quotes as MLflow's messages have them ('...'), not as \u0027.</summary>
    private static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebApplication Build(PredictionBatcher batcher, ModelPreprocessing model, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(batcher);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The handler counts the body itself and answers 413 with MLflow's error JSON (Kestrel's own
            // limit would end a streamed request without an answer).
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(System.Net.IPAddress.Parse(options.Host), options.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        var version = Version();
        app.MapGet("/ping", () => Results.Text("\n", "application/json"));
        app.MapGet("/health", () => Results.Text("\n", "application/json"));
        app.MapGet("/version", () => Results.Text(version, "application/json"));
        app.MapPost("/invocations", (HttpContext context) => InvokeAsync(context, batcher, model, options));
        return app;
    }

    private static async Task InvokeAsync(HttpContext context, PredictionBatcher batcher, ModelPreprocessing model, ServeOptions options)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.ContentLength > options.MaxBodyBytes)
        {
            response.Headers.Connection = "close";
            await ErrorAsync(response, StatusCodes.Status413PayloadTooLarge, "REQUEST_LIMIT_EXCEEDED", $"The request body has {request.ContentLength} bytes; this server takes at most {options.MaxBodyBytes} (crucible serve --max-body-bytes).").ConfigureAwait(false);
            return;
        }

        var mediaType = (request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "text/csv"))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got '{request.ContentType ?? string.Empty}'.").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            // The rest of the body is not read: the connection closes after the answer.
            response.Headers.Connection = "close";
            await ErrorAsync(response, StatusCodes.Status413PayloadTooLarge, "REQUEST_LIMIT_EXCEEDED", $"The request body is larger than this server takes ({options.MaxBodyBytes} bytes; crucible serve --max-body-bytes).").ConfigureAwait(false);
            return;
        }

        Prediction[] predictions;
        try
        {
            var (values, count) = mediaType == "text/csv"
                ? ModelInput.FromCsv(Encoding.UTF8.GetString(body), model)
                : ModelInput.FromJson(body, model);
            if (count > options.MaxRowsPerRequest)
            {
                throw new ModelInputException(ModelInput.InvalidParameterValue, $"The request has {count} samples; this server takes at most {options.MaxRowsPerRequest} per request.");
            }

            predictions = await batcher.PredictAsync(values, count).ConfigureAwait(false);
        }
        catch (ModelInputException e)
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, e.ErrorCode, e.Message).ConfigureAwait(false);
            return;
        }
        catch (DecoderFallbackException e)
        {
            await ErrorAsync(response, StatusCodes.Status400BadRequest, ModelInput.BadRequest, $"The body is not UTF-8 text: {e.Message}").ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var json = PredictionOutput.Json(predictions, model);
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The bare version, as MLflow answers <c>/version</c> with its own (plain text under a JSON content type).</summary>
    private static string Version()
    {
        var assembly = typeof(ScoringServer).Assembly;
        var version = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0";
        return version.Split('+')[0];
    }

    /// <summary>The body, or null as soon as it has more than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared and <= int.MaxValue)
        {
            // Kestrel holds the body to its Content-Length (checked against the limit already): read straight into its array.
            var body = new byte[declared];
            await request.Body.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            return body;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>MLflow's error body: <c>{"error_code": ..., "message": ...}</c>, no stack trace.</summary>
    internal static async Task ErrorAsync(HttpResponse response, int status, string errorCode, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error_code"] = errorCode, ["message"] = message }, ErrorJson);
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json).ConfigureAwait(false);
    }
}
