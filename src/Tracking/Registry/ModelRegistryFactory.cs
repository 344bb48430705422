using Crucible.Tracking.Rest;

namespace Crucible.Tracking.Registry;

/// <summary>Opens the Model Registry of a tracking URI (MLflow keeps the registry with the tracking store by default).</summary>
public static class ModelRegistryFactory
{
    /// <summary>A <see cref="FileModelRegistry"/> (<c>mlruns/models/</c>) for a local store, a <see cref="RestModelRegistry"/> for a server.</summary>
    public static IModelRegistry Create(string trackingUri, MlflowRestOptions? restOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        if (TrackingUriResolver.IsLocal(trackingUri))
        {
            return new FileModelRegistry(TrackingUriResolver.LocalPath(trackingUri));
        }

        if (trackingUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trackingUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new RestModelRegistry(trackingUri, restOptions ?? MlflowRestOptions.FromEnvironment());
        }

        throw new TrackingException($"Unsupported tracking URI '{trackingUri}' for the Model Registry. Use a local folder or an MLflow server.");
    }
}
