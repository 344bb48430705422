using System.Globalization;
using System.Text.Json.Nodes;
using Crucible.Host.Cli;
using Crucible.Tracking;
using Crucible.Tracking.Model;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Sweeps;

/// <summary>
/// Runs a sweep: one parent MLflow run holding the definition as params, one nested child run per
/// trial (<c>mlflow.parentRunId</c>), launched as <c>crucible run</c> processes. A trial whose resolved
/// experiment already FINISHED in the same MLflow experiment (same <see cref="ExperimentHash"/>) is
/// skipped, and the same command reuses its parent run, so a crashed or cancelled sweep resumes by
/// running it again. Ends with the summary table (printed, and <c>sweep_summary.csv</c> on the parent)
/// and the best trial tagged on the parent.
/// </summary>
internal sealed class SweepRunner
{
    public const string SweepHashTag = "crucible.sweep.hash";
    public const string TrialTag = "crucible.sweep.trial";
    public const string TrialParamsTag = "crucible.sweep.params";
    public const string BestRunTag = "crucible.sweep.best_run_id";
    public const string BestTrialTag = "crucible.sweep.best_trial";
    public const string BestObjectiveTag = "crucible.sweep.best_objective";

    public required string ExperimentFile { get; init; }

    public required IReadOnlyList<string> BaseOverrides { get; init; }

    public required Experiment BaseExperiment { get; init; }

    public required SweepDefinition Definition { get; init; }

    public required ITrialLauncher Launcher { get; init; }

    /// <summary>Loads and validates the experiment with these overrides; prints the problems and returns null when invalid.</summary>
    public required Func<IReadOnlyList<string>, Experiment?> Compose { get; init; }

    public required string TrackingUri { get; init; }

    public required string ExperimentName { get; init; }

    /// <summary>Extra arguments for every trial's <c>crucible run</c> (<c>--plugins</c>, <c>--threads</c>).</summary>
    public IReadOnlyList<string> TrialArguments { get; init; } = [];

    public required string LogDirectory { get; init; }

    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var strategy = SweepStrategy.Create(Definition);
        using var store = TrackingStoreFactory.Create(TrackingUri);
        var experimentId = await store.GetOrCreateExperimentAsync(ExperimentName, CancellationToken.None).ConfigureAwait(false);
        var runs = await AllRunsAsync(store, experimentId).ConfigureAwait(false);
        var sweepHash = SweepHash();
        var parent = await StartParentAsync(store, experimentId, runs, sweepHash).ConfigureAwait(false);
        Output.WriteLine($"sweep: {Definition.Strategy.ToString().ToLowerInvariant()} over {string.Join(", ", Definition.Parameters.Select(p => $"{p.Key}={p.Text}"))}: " +
            string.Create(CultureInfo.InvariantCulture, $"{strategy.TrialCount} trials, {Launcher.Parallelism} at once; parent run {parent} in experiment '{ExperimentName}' ({TrackingUri})"));

        var finished = runs
            .Where(r => r.Info.Status == RunStatus.Finished && r.Data.Tag(ExperimentHash.Tag) is not null)
            .GroupBy(r => r.Data.Tag(ExperimentHash.Tag)!)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Info.StartTime).First(), StringComparer.Ordinal);

        Directory.CreateDirectory(LogDirectory);
        var results = new List<TrialResult>();
        var observations = new List<TrialObservation>();
        var batchSize = strategy.Adaptive ? Launcher.Parallelism : strategy.TrialCount;
        for (var start = 0; start < strategy.TrialCount && !cancellationToken.IsCancellationRequested; start += batchSize)
        {
            var launches = new List<TrialLaunch>();
            var batch = new List<TrialResult>();
            for (var index = start; index < Math.Min(start + batchSize, strategy.TrialCount); index++)
            {
                var assignment = strategy.Suggest(index, observations);
                var experiment = Compose(BaseOverrides.Concat(assignment.Overrides()).ToList());
                if (experiment is null)
                {
                    Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {index} ({assignment}) is not a valid experiment; it is left out."));
                    batch.Add(new TrialResult(index, assignment, TrialResult.Invalid, null, null, null));
                    continue;
                }

                var hash = ExperimentHash.Of(experiment.Resolved);
                if (finished.TryGetValue(hash, out var done))
                {
                    var objective = Objective(done);
                    Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {index} skipped: {assignment} finished before in run {done.Info.RunId}"));
                    batch.Add(new TrialResult(index, assignment, TrialResult.Skipped, done.Info.RunId, done.Info.Status, objective));
                    continue;
                }

                launches.Add(new TrialLaunch(index, assignment, hash, TrialRunArguments(index, assignment, hash, parent)));
            }

            IReadOnlyList<int?> codes;
            try
            {
                codes = await Launcher.RunAsync(launches, LogDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (SweepLaunchException)
            {
                // sbatch or squeue failed: the parent must not stay RUNNING.
                await store.UpdateRunAsync(parent, RunStatus.Failed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancellationToken: CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            var children = (await AllRunsAsync(store, experimentId).ConfigureAwait(false))
                .Where(r => r.Data.Tag(SystemTags.ParentRunId) == parent)
                .ToList();
            for (var i = 0; i < launches.Count; i++)
            {
                var launch = launches[i];
                var run = children
                    .Where(r => r.Data.Tag(ExperimentHash.Tag) == launch.Hash)
                    .OrderByDescending(r => r.Info.StartTime)
                    .FirstOrDefault();
                var result = codes[i] is null && run is null
                    ? new TrialResult(launch.Index, launch.Assignment, TrialResult.NotRun, null, null, null)
                    : new TrialResult(launch.Index, launch.Assignment, TrialResult.Ran, run?.Info.RunId, run?.Info.Status, run is null ? null : Objective(run));
                Report(result, codes[i], Path.Combine(LogDirectory, launch.LogName));
                batch.Add(result);
            }

            foreach (var result in batch.OrderBy(r => r.Index))
            {
                results.Add(result);
                if (result.Outcome is TrialResult.Ran or TrialResult.Skipped)
                {
                    observations.Add(new TrialObservation(result.Assignment, result.Finished ? result.Objective : null));
                }
            }
        }

        var interrupted = cancellationToken.IsCancellationRequested;
        var summary = new SweepSummary(Definition, results);
        Output.WriteLine();
        summary.Print(Output);
        await RecordSummaryAsync(store, parent, summary).ConfigureAwait(false);
        var complete = results.Count == strategy.TrialCount && results.All(r => r.Finished);
        var status = interrupted ? RunStatus.Killed : complete ? RunStatus.Finished : RunStatus.Failed;
        await store.UpdateRunAsync(parent, status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancellationToken: CancellationToken.None).ConfigureAwait(false);
        if (interrupted)
        {
            Output.WriteLine($"sweep interrupted; run the same command again to resume (finished trials are skipped). Parent run {parent} ended KILLED.");
            return ExitCodes.Interrupted;
        }

        if (!complete)
        {
            var failed = results.Count(r => !r.Finished);
            Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{failed} of {strategy.TrialCount} trials did not finish; parent run {parent} ended FAILED. Run the same command again to retry them."));
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }

    private void Report(TrialResult result, int? code, string logPath)
    {
        if (result.Finished)
        {
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trial {result.Index} finished: {Definition.Objective} = {result.Objective?.ToString("G6", CultureInfo.InvariantCulture) ?? "(not logged)"}, run {result.RunId}"));
            return;
        }

        Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {result.Index} {result.State} (exit {code?.ToString(CultureInfo.InvariantCulture) ?? "-"}), run {result.RunId ?? "none"}; last lines of its log {logPath}:"));
        if (File.Exists(logPath))
        {
            foreach (var line in File.ReadLines(logPath).TakeLast(8))
            {
                Error.WriteLine($"  | {line}");
            }
        }
    }

    private double? Objective(Run run)
    {
        var metric = run.Data.Metric(Definition.Objective);
        return metric?.Value;
    }

    private List<string> TrialRunArguments(int index, TrialAssignment assignment, string hash, string parent)
    {
        var args = new List<string> { "run", ExperimentFile };
        foreach (var o in BaseOverrides.Concat(assignment.Overrides()))
        {
            args.Add("--set");
            args.Add(o);
        }

        args.AddRange(["--set", string.Create(CultureInfo.InvariantCulture, $"tracking.runName=trial-{index}")]);
        args.AddRange(["--tracking-uri", TrackingUri, "--experiment", ExperimentName]);
        args.AddRange(["--tag", $"{SystemTags.ParentRunId}={parent}"]);
        args.AddRange(["--tag", $"{ExperimentHash.Tag}={hash}"]);
        args.AddRange(["--tag", string.Create(CultureInfo.InvariantCulture, $"{TrialTag}={index}")]);
        args.AddRange(["--tag", $"{TrialParamsTag}={assignment.ToJson()}"]);
        args.AddRange(TrialArguments);
        return args;
    }

    /// <summary>The same base experiment and the same sweep definition make the same sweep (and reuse its parent run).</summary>
    private string SweepHash()
    {
        var definition = new JsonObject();
        foreach (var (key, value) in Definition.ToParams())
        {
            definition[key] = value;
        }

        return ExperimentHash.Of(ExperimentHash.Of(BaseExperiment.Resolved) + definition.ToJsonString());
    }

    private async Task<string> StartParentAsync(ITrackingStore store, string experimentId, IReadOnlyList<Run> runs, string sweepHash)
    {
        var existing = runs
            .Where(r => r.Data.Tag(SweepHashTag) == sweepHash && r.Data.Tag(SystemTags.ParentRunId) is null)
            .OrderByDescending(r => r.Info.StartTime)
            .FirstOrDefault();
        if (existing is not null)
        {
            await store.UpdateRunAsync(existing.Info.RunId, RunStatus.Running, null, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            Output.WriteLine($"sweep: resuming parent run {existing.Info.RunId} (the same sweep ran before)");
            return existing.Info.RunId;
        }

        var tags = new List<RunTag>
        {
            new(SystemTags.User, SystemTags.CurrentUser()),
            new(SystemTags.SourceName, SystemTags.CurrentSource()),
            new(SystemTags.SourceType, "LOCAL"),
            new(SweepHashTag, sweepHash),
            new("crucible.sweep.file", ExperimentFile),
        };
        if (SystemTags.GitCommitOf(Path.GetDirectoryName(ExperimentFile)!) is { } commit)
        {
            tags.Add(new(SystemTags.GitCommit, commit));
        }

        var name = BaseExperiment.Tracking.RunName is { Length: > 0 } runName ? runName : $"sweep-{BaseExperiment.Name}";
        var info = await store.CreateRunAsync(experimentId, name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemTags.CurrentUser(), tags, CancellationToken.None).ConfigureAwait(false);
        var parameters = Definition.ToParams().Select(p => new Param(p.Key, p.Value))
            .Append(new Param("sweep.experiment_file", ExperimentFile))
            .Concat(BaseOverrides.Select((o, i) => new Param(string.Create(CultureInfo.InvariantCulture, $"sweep.set.{i}"), o)))
            .ToList();
        await store.LogBatchAsync(info.RunId, [], parameters, [], CancellationToken.None).ConfigureAwait(false);
        return info.RunId;
    }

    private async Task RecordSummaryAsync(ITrackingStore store, string parent, SweepSummary summary)
    {
        var csv = Path.Combine(LogDirectory, SweepSummary.ArtifactName);
        await File.WriteAllTextAsync(csv, summary.ToCsv(), CancellationToken.None).ConfigureAwait(false);
        await store.LogArtifactAsync(parent, csv, null, CancellationToken.None).ConfigureAwait(false);
        foreach (var log in Directory.EnumerateFiles(LogDirectory, "trial-*.log"))
        {
            await store.LogArtifactAsync(parent, log, "trials", CancellationToken.None).ConfigureAwait(false);
        }

        if (summary.Best is { } best)
        {
            var current = (await store.GetRunAsync(parent, CancellationToken.None).ConfigureAwait(false)).Data.Metric($"best_{Definition.Objective}");
            var tags = new List<RunTag>
            {
                new(BestRunTag, best.RunId!),
                new(BestTrialTag, best.Index.ToString(CultureInfo.InvariantCulture)),
                new(BestObjectiveTag, best.Objective!.Value.ToString("R", CultureInfo.InvariantCulture)),
            };
            IReadOnlyList<Metric> metrics = current is not null && current.Value.Equals(best.Objective!.Value)
                ? []
                : [new Metric($"best_{Definition.Objective}", best.Objective!.Value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), current is null ? 0 : current.Step + 1)];
            await store.LogBatchAsync(parent, metrics, [], tags, CancellationToken.None).ConfigureAwait(false);
        }

    }

    private static async Task<IReadOnlyList<Run>> AllRunsAsync(ITrackingStore store, string experimentId) =>
        await store.SearchAllRunsAsync(new SearchRunsQuery { ExperimentIds = [experimentId] }, CancellationToken.None).ConfigureAwait(false);
}
