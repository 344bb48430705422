namespace Crucible.Tracking.Model;

/// <summary>A run as a store returns it.</summary>
/// <param name="Info">Metadata.</param>
/// <param name="Data">Metrics (latest values), params, tags.</param>
/// <param name="Inputs">Datasets the run used.</param>
public sealed record Run(RunInfo Info, RunData Data, IReadOnlyList<DatasetInput> Inputs);
