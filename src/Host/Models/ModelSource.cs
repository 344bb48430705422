using Crucible.Tracking;
using Crucible.Tracking.Registry;

namespace Crucible.Host.Models;

/// <summary>
/// Resolves the MODEL argument of <c>predict</c> and <c>serve</c> to a local model folder: a folder
/// as it is; <c>runs:/RUN_ID/PATH</c> downloaded from the tracking store; <c>models:/NAME/VERSION</c>
/// looked up in the store's Model Registry, then downloaded from the version's source.
/// </summary>
internal static class ModelSource
{
    /// <summary>Returns the folder holding <c>MLmodel</c>; downloads go under <paramref name="downloadDirectory"/>.</summary>
    public static async Task<string> ResolveAsync(string model, string trackingUri, string downloadDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (model.StartsWith("runs:/", StringComparison.Ordinal))
        {
            var rest = model["runs:/".Length..].Trim('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new ModelLoadException($"'{model}': expected runs:/RUN_ID/PATH, e.g. runs:/<run id>/model.");
            }

            return await DownloadAsync(trackingUri, rest[..slash], rest[(slash + 1)..], downloadDirectory, model, cancellationToken).ConfigureAwait(false);
        }

        if (model.StartsWith("models:/", StringComparison.Ordinal))
        {
            var rest = model["models:/".Length..].Trim('/');
            var slash = rest.LastIndexOf('/');
            if (slash <= 0 || !int.TryParse(rest[(slash + 1)..], out var version) || version < 1)
            {
                throw new ModelLoadException($"'{model}': expected models:/NAME/VERSION with a version number, e.g. models:/my-model/1.");
            }

            var name = rest[..slash];
            ModelVersion found;
            using (var registry = ModelRegistryFactory.Create(trackingUri))
            {
                try
                {
                    found = await registry.GetModelVersionAsync(name, version, cancellationToken).ConfigureAwait(false);
                }
                catch (ResourceNotFoundException e)
                {
                    throw new ModelLoadException($"'{model}': {e.Message} (registry at {trackingUri}).");
                }
            }

            var (runId, path) = ArtifactOf(found);
            return await DownloadAsync(trackingUri, runId, path, downloadDirectory, model, cancellationToken).ConfigureAwait(false);
        }

        if (Directory.Exists(model))
        {
            return Path.GetFullPath(model);
        }

        throw new ModelLoadException($"'{model}' is neither a model folder nor a model URI; give a folder holding MLmodel, runs:/RUN_ID/model or models:/NAME/VERSION.");
    }

    /// <summary>The run and artifact path a version's source points at (<c>runs:/ID/PATH</c> or an artifact URI of run <c>run_id</c>).</summary>
    internal static (string RunId, string Path) ArtifactOf(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var source = version.Source;
        if (source.StartsWith("runs:/", StringComparison.Ordinal))
        {
            var rest = source["runs:/".Length..].Trim('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 ? (rest[..slash], rest[(slash + 1)..]) : (rest, string.Empty);
        }

        var marker = source.LastIndexOf("/artifacts/", StringComparison.Ordinal);
        if (marker >= 0 && !string.IsNullOrEmpty(version.RunId))
        {
            return (version.RunId, source[(marker + "/artifacts/".Length)..]);
        }

        throw new ModelLoadException($"Model version {version.Name}/{version.Version} has source '{source}', which is not an artifact of a run; Crucible loads only models logged by runs.");
    }

    private static async Task<string> DownloadAsync(string trackingUri, string runId, string path, string downloadDirectory, string model, CancellationToken cancellationToken)
    {
        using var store = TrackingStoreFactory.Create(trackingUri);
        try
        {
            Directory.CreateDirectory(downloadDirectory);
            return await store.DownloadArtifactsAsync(runId, path, downloadDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException e)
        {
            throw new ModelLoadException($"'{model}': {e.Message} (tracking URI {trackingUri}).");
        }
    }
}
