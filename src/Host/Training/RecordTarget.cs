using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// Where and on what a run will be recorded and trained, resolved and checked by
/// <see cref="RunPreflight"/> before anything is composed: the device, the tracking URI (flag,
/// experiment file, environment, or ./mlruns) and the MLflow experiment's name.
/// </summary>
internal sealed record RecordTarget(Device Device, string TrackingUri, string ExperimentName);
