using System.Globalization;
using System.Text.Json;
using Crucible.Tracking.Rest;

namespace Crucible.Tracking.Registry;

/// <summary>
/// The Model Registry of an MLflow tracking server (2.x and 3.x answer alike):
/// <c>registered-models/create</c>, <c>model-versions/create</c> and <c>model-versions/get</c> of
/// MLflow's REST API, waiting while a new version is <c>PENDING_REGISTRATION</c> as MLflow's client does.
/// </summary>
public sealed class RestModelRegistry : IModelRegistry
{
    private const string Api = "/api/2.0/mlflow/";
    private readonly MlflowHttpClient http;

    /// <summary>Talks to the server at <paramref name="trackingUri"/>.</summary>
    public RestModelRegistry(string trackingUri, MlflowRestOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        http = new MlflowHttpClient(trackingUri.TrimEnd('/'), options ?? MlflowRestOptions.FromEnvironment());
    }

    /// <summary>How long to wait for a version to leave PENDING_REGISTRATION. Defaults to 300 s, as MLflow's client.</summary>
    public TimeSpan PendingTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <inheritdoc />
    public async Task<bool> CreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            (await http.PostJsonAsync(Api + "registered-models/create", JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["name"] = name }), cancellationToken).ConfigureAwait(false)).Dispose();
            return true;
        }
        catch (ResourceAlreadyExistsException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<ModelVersion> CreateModelVersionAsync(string name, string source, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var body = new Dictionary<string, string> { ["name"] = name, ["source"] = source };
        if (!string.IsNullOrEmpty(runId))
        {
            body["run_id"] = runId;
        }

        ModelVersion version;
        using (var doc = await http.PostJsonAsync(Api + "model-versions/create", JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken).ConfigureAwait(false))
        {
            version = Read(doc.RootElement.GetProperty("model_version"));
        }

        var deadline = DateTime.UtcNow + PendingTimeout;
        while (version.Status == "PENDING_REGISTRATION" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            version = await GetModelVersionAsync(name, version.Version, cancellationToken).ConfigureAwait(false);
        }

        if (version.Status != "READY")
        {
            throw new TrackingException(string.Create(CultureInfo.InvariantCulture, $"Model version {name}/{version.Version} ended {version.Status}, not READY."));
        }

        return version;
    }

    /// <inheritdoc />
    public async Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var doc = await http.GetJsonAsync(
            Api + "model-versions/get",
            [new("name", name), new("version", version.ToString(CultureInfo.InvariantCulture))],
            cancellationToken).ConfigureAwait(false);
        return Read(doc.RootElement.GetProperty("model_version"));
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static ModelVersion Read(JsonElement v)
    {
        static string Text(JsonElement e, string key) => e.TryGetProperty(key, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
        var created = v.TryGetProperty("creation_timestamp", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : 0;
        return new ModelVersion(
            Text(v, "name"),
            int.Parse(Text(v, "version"), NumberStyles.Integer, CultureInfo.InvariantCulture),
            Text(v, "source"),
            Text(v, "run_id"),
            Text(v, "status") is { Length: > 0 } s ? s : "READY",
            Text(v, "current_stage") is { Length: > 0 } stage ? stage : "None",
            created);
    }
}
