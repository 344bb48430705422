using Crucible.Tracking;
using Crucible.Tracking.Model;
using Crucible.Tracking.Registry;

namespace Crucible.Host.Models;

/// <summary>
/// Registers a run's logged model in the Model Registry of its tracking store, as MLflow's
/// <c>register_model</c> does: the registered model is created when missing, then a new version
/// whose source is the run's <c>model</c> artifact URI, with the run id.
/// </summary>
internal static class ModelRegistration
{
    public static async Task<ModelVersion> RegisterAsync(string trackingUri, string runId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        CheckName(name);
        string artifactUri;
        using (var store = TrackingStoreFactory.Create(trackingUri))
        {
            Run run;
            try
            {
                run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceNotFoundException)
            {
                throw new ModelLoadException($"There is no run {runId} in {trackingUri}.");
            }

            var listing = await store.ListArtifactsAsync(runId, ModelFolder.ArtifactPath, cancellationToken).ConfigureAwait(false);
            if (!listing.Any(a => a.Path.EndsWith(ModelFolder.MlModelFile, StringComparison.Ordinal)))
            {
                throw new ModelLoadException($"Run {runId} has no logged model ({ModelFolder.ArtifactPath}/{ModelFolder.MlModelFile}); only finished runs log one.");
            }

            artifactUri = run.Info.ArtifactUri.TrimEnd('/') + "/" + ModelFolder.ArtifactPath;
        }

        using var registry = ModelRegistryFactory.Create(trackingUri);
        await registry.CreateRegisteredModelAsync(name, cancellationToken).ConfigureAwait(false);
        return await registry.CreateModelVersionAsync(name, artifactUri, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A registered model name must be non-blank and usable as a file-store folder: checked before anything runs.</summary>
    public static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\', ':']) >= 0 || name is "." or ".." || name.Trim() != name)
        {
            throw new ModelLoadException($"'{name}' cannot be a registered model name: use letters, digits, '.', '_', '-' and inner spaces (no '/', '\\' or ':').");
        }
    }
}
