namespace Crucible.Tracking.Model;

/// <summary>A dataset a run used, as MLflow records it.</summary>
/// <param name="Name">The dataset's name, e.g. <c>mnist-train</c>.</param>
/// <param name="Digest">A short content hash identifying this version of the data.</param>
/// <param name="SourceType">Where it came from, e.g. <c>local</c>, <c>http</c>.</param>
/// <param name="Source">JSON describing the source, e.g. <c>{"uri": "/data/mnist"}</c>.</param>
/// <param name="Schema">Optional JSON schema (MLflow's <c>mlflow_colspec</c>/<c>mlflow_tensorspec</c>).</param>
/// <param name="Profile">Optional JSON profile, e.g. <c>{"num_rows": 60000}</c>.</param>
public sealed record Dataset(
    string Name,
    string Digest,
    string SourceType,
    string Source,
    string? Schema = null,
    string? Profile = null);
