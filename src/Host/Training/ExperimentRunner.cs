using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// What <c>crucible run</c> does with a validated experiment, in two steps: the preflight
/// (<see cref="RunPreflight"/>: everything knowable before an MLflow run exists; bad input exits 2
/// with nothing recorded), then the recorded run (<see cref="RunLifecycle"/> starts it, runs
/// <see cref="RecordedTraining"/> inside it and ends it FINISHED, FAILED or KILLED). A ddp rank other
/// than 0 trains in step instead and records nothing (<see cref="ReplicaTraining"/>).
/// </summary>
internal sealed class ExperimentRunner
{
    private readonly Experiment experiment;
    private readonly RunOptions options;

    public ExperimentRunner(Experiment experiment, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        this.experiment = experiment;
        this.options = options;
    }

    /// <summary>Runs <paramref name="experiment"/> and returns the exit code (see <see cref="RunLifecycle"/>).</summary>
    public static Task<int> RunAsync(Experiment experiment, RunOptions options) => new ExperimentRunner(experiment, options).RunAsync();

    public Task<int> RunAsync() =>
        ComposeAndRecordAsync((active, prepared) => new RecordedTraining(experiment, options, prepared).Run(active));

    /// <summary>
    /// The preflight, then <paramref name="body"/> inside the MLflow run (named <paramref name="runName"/>,
    /// default <c>tracking.runName</c>); the body returns true when an interrupt stopped it.
    /// <c>crucible lr-find</c> records its range test this way.
    /// </summary>
    public async Task<int> ComposeAndRecordAsync(Func<ActiveRun, PreparedRun, bool> body, string? runName = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var prepared = RunPreflight.Prepare(experiment, options, out var refused);
        if (prepared is null)
        {
            return refused;
        }

        if (prepared.Distributed is { IsMain: false })
        {
            return ReplicaTraining.Run(experiment, options, prepared);
        }

        return await RunLifecycle.RunAsync(experiment, options, prepared.Scratch(runName), active => Task.FromResult(body(active, prepared))).ConfigureAwait(false);
    }

    /// <summary>
    /// The preflight alone, recording nothing: <c>crucible validate</c> (composing, which loads the data,
    /// only when <paramref name="withData"/>). Returns 0 or 2 (each problem printed to stderr).
    /// </summary>
    public int Check(bool withData) => RunPreflight.Validate(experiment, options, withData);
}
