using Crucible.Tracking.Model;

namespace Crucible.Tracking;

/// <summary>
/// Where runs are recorded: the local MLflow file store (<c>./mlruns</c>, <c>file:</c>) or an MLflow
/// tracking server (REST API 2.0). Every call may throw <see cref="MlflowApiException"/> (or a
/// subclass) for an answer the store rejected and <see cref="TrackingException"/> when the store
/// cannot be reached.
/// </summary>
public interface ITrackingStore : IDisposable
{
    /// <summary>The tracking URI this store writes to.</summary>
    string TrackingUri { get; }

    /// <summary>Creates an experiment and returns its id; throws <see cref="ResourceAlreadyExistsException"/> when the name is taken.</summary>
    Task<string> CreateExperimentAsync(string name, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>The experiment with that name (active or deleted), or null.</summary>
    Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The experiment with that id; throws <see cref="ResourceNotFoundException"/> when missing.</summary>
    Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) an experiment tag.</summary>
    Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Creates a RUNNING run. The store adds <c>mlflow.runName</c> when <paramref name="runName"/> is given.</summary>
    Task<RunInfo> CreateRunAsync(
        string experimentId,
        string? runName,
        long startTime,
        string userId,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default);

    /// <summary>Changes status, end time and/or name; null leaves a field as it is.</summary>
    Task<RunInfo> UpdateRunAsync(
        string runId,
        RunStatus? status,
        long? endTime,
        string? runName = null,
        CancellationToken cancellationToken = default);

    /// <summary>The run with that id (deleted runs too); throws <see cref="ResourceNotFoundException"/> when missing.</summary>
    Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>One page of runs matching the query.</summary>
    Task<RunsPage> SearchRunsAsync(SearchRunsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs metrics, params and tags. Any size: a remote store splits it to the server's limits.
    /// Logging the same param with the same value again is accepted; a different value is rejected.
    /// </summary>
    Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric> metrics,
        IReadOnlyList<Param> parameters,
        IReadOnlyList<RunTag> tags,
        CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) a run tag.</summary>
    Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Records datasets the run used.</summary>
    Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default);

    /// <summary>Every logged value of a metric, oldest first; empty when the key was never logged.</summary>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads a file, or everything under a folder, to the run's artifacts under
    /// <paramref name="artifactPath"/> (a relative folder, null for the root), as MLflow's
    /// <c>log_artifact</c>/<c>log_artifacts</c> do: a file keeps its name; a folder's contents
    /// (not the folder itself) go under <paramref name="artifactPath"/>.
    /// </summary>
    Task LogArtifactAsync(string runId, string localPath, string? artifactPath = null, CancellationToken cancellationToken = default);

    /// <summary>The direct children of an artifact folder (null for the root); paths are relative to the run's artifact root.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads an artifact file or folder (null or empty for everything) into <paramref name="destinationDirectory"/>
    /// and returns the local path of the downloaded file or folder.
    /// </summary>
    Task<string> DownloadArtifactsAsync(string runId, string? artifactPath, string destinationDirectory, CancellationToken cancellationToken = default);
}
