using Crucible.Tracking.FileStore;
using Crucible.Tracking.Rest;

namespace Crucible.Tracking;

/// <summary>Opens the store a tracking URI names.</summary>
public static class TrackingStoreFactory
{
    /// <summary>
    /// A <see cref="LocalFileStore"/> for a path or <c>file:</c> URI, an <see cref="MlflowRestStore"/>
    /// for <c>http(s)://</c> (with auth and TLS settings from the <c>MLFLOW_TRACKING_*</c> variables).
    /// </summary>
    public static ITrackingStore Create(string trackingUri, MlflowRestOptions? restOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        if (TrackingUriResolver.IsLocal(trackingUri))
        {
            return new LocalFileStore(TrackingUriResolver.LocalPath(trackingUri));
        }

        if (trackingUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trackingUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new MlflowRestStore(trackingUri, restOptions ?? MlflowRestOptions.FromEnvironment());
        }

        throw new TrackingException(
            $"Unsupported tracking URI '{trackingUri}'. Use a local folder (./mlruns, file:///path) or an MLflow server (http://host:5000, https://...).");
    }
}
