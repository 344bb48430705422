namespace Crucible.Tracking.Registry;

/// <summary>MLflow's Model Registry: registered models and their numbered versions.</summary>
public interface IModelRegistry : IDisposable
{
    /// <summary>Creates the registered model <paramref name="name"/>; false when it already exists (not an error).</summary>
    Task<bool> CreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates the next version of <paramref name="name"/> from <paramref name="source"/>, logged by run <paramref name="runId"/>.</summary>
    Task<ModelVersion> CreateModelVersionAsync(string name, string source, string runId, CancellationToken cancellationToken = default);

    /// <summary>Version <paramref name="version"/> of <paramref name="name"/>; <see cref="ResourceNotFoundException"/> when there is none.</summary>
    Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken = default);
}
