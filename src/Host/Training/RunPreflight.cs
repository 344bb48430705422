using Crucible.Abstractions;
using Crucible.Host.Cli;
using Crucible.Host.Configuration;
using Crucible.Host.Distributed;
using Crucible.Torch;
using Crucible.Tracking;
using Experiment = Crucible.Host.Configuration.Experiment;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// Everything <c>run</c> knows before an MLflow run exists, checked in this order: the device and the
/// tracking URI resolve, the record fits the store (<see cref="RecordCheck"/>), the launcher's
/// environment parses, the experiment composes (<see cref="RunComposer"/>: data loaded, models built),
/// a batch goes through (<see cref="CompositionCheck"/>), a resume's checkpoint fits
/// (<see cref="ResumeCheck"/>), and a ddp run joins its group. Bad input prints each problem (file,
/// JSON path, what would be right) and exits 2 with nothing recorded.
/// </summary>
internal static class RunPreflight
{
    /// <summary>
    /// The run composed and checked, ready to be recorded; null when something was refused, with the
    /// exit code in <paramref name="exitCode"/> (2).
    /// </summary>
    public static PreparedRun? Prepare(Experiment experiment, RunOptions options, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        if (Target(experiment, options, out exitCode) is not { } target)
        {
            return null;
        }

        DistributedEnvironment? group;
        try
        {
            group = DistributedEnvironment.FromProcess();
        }
        catch (FormatException e)
        {
            exitCode = Refuse([new ConfigProblem(experiment.FilePath, "$.training.strategy", $"the launcher's environment is wrong: {e.Message}")]);
            return null;
        }

        var outputDirectory = Directory.CreateTempSubdirectory("crucible-run-").FullName;
        (RunLogging? logging, RunInterruption? interruption, ComposedRun? composed, DistributedRun? distributed) = (null, null, null, null);
        PreparedRun? prepared = null;
        try
        {
            // Rank 0 speaks (and records) for a ddp group; the other ranks log only warnings and errors.
            var quiet = options.Quiet || group is { IsMain: false };
            logging = RunLogging.Create(Path.Combine(outputDirectory, RunLogging.FileName), options.Verbose, options.LogFile, quiet);
            interruption = new RunInterruption
            {
                // Nothing is recorded yet: a stop while composing (loading data, say) ends the process at once.
                BeforeExit = signal =>
                {
                    Console.Error.WriteLine($"Interrupted by {signal} before anything was recorded.");
                    ScratchFolder.TryDelete(outputDirectory);
                },
            };

            var worldSize = experiment.Training.Strategy == "ddp" && group is { WorldSize: > 1 } ? group.WorldSize : 1;
            var logger = logging.CreateLogger("Crucible.Training");
            var problems = Compose(experiment, target.Device, outputDirectory, logger, interruption, worldSize, out composed);
            if (composed is not null && problems.Count == 0 && options.Resume is { } resume)
            {
                problems.AddRange(ResumeCheck.Checkpoint(resume, experiment, composed));
            }

            if (composed is not null && problems.Count == 0)
            {
                distributed = JoinGroup(experiment, group, composed, target.Device, problems);
            }

            if (composed is null || problems.Count > 0)
            {
                exitCode = Refuse(problems);
                return null;
            }

            prepared = new PreparedRun(target, outputDirectory, logging, logger, interruption, composed, distributed);
            return prepared;
        }
        finally
        {
            if (prepared is null)
            {
                PreparedRun.Release(outputDirectory, logging, interruption, composed, distributed);
            }
        }
    }

    /// <summary>
    /// <c>crucible validate</c>: the same checks without a group or a resume, recording nothing; composes
    /// (loading the data) only when <paramref name="withData"/>. Returns 0 or 2 (each problem printed to stderr).
    /// </summary>
    public static int Validate(Experiment experiment, RunOptions options, bool withData)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        if (Target(experiment, options, out var exitCode) is not { } target || !withData)
        {
            return exitCode;
        }

        using var logging = RunLogging.CreateConsole(options.Verbose, options.LogFile);
        using var interruption = new RunInterruption();
        // Checkpoints would go here; composing writes none, but the folder is ours and goes.
        var outputDirectory = Directory.CreateTempSubdirectory("crucible-validate-").FullName;
        ComposedRun? composed = null;
        try
        {
            var problems = Compose(experiment, target.Device, outputDirectory, logging.CreateLogger("Crucible.Validate"), interruption, worldSize: 1, out composed);
            return problems.Count > 0 ? Refuse(problems) : ExitCodes.Success;
        }
        finally
        {
            composed?.Dispose();
            ScratchFolder.TryDelete(outputDirectory);
        }
    }

    /// <summary>The device, the tracking URI and the experiment's name, resolved, and the record checked; null (exit code 2) when refused.</summary>
    private static RecordTarget? Target(Experiment experiment, RunOptions options, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        Device device;
        string trackingUri;
        try
        {
            device = Reproducibility.ResolveDevice(experiment.Training.Device);
            trackingUri = TrackingUriResolver.Resolve(options.TrackingUri, experiment.Tracking.TrackingUri, workingDirectory: options.WorkingDirectory);
        }
        catch (Exception e) when (e is TrainingException or TrackingException)
        {
            Console.Error.WriteLine($"error: {MessageText.Shorten(e.Message)}");
            exitCode = ExitCodes.BadInput;
            return null;
        }

        var target = new RecordTarget(device, trackingUri, RunLifecycle.ExperimentName(experiment, options));
        if (RecordCheck.Check(experiment, options, target.TrackingUri, target.ExperimentName) is { Count: > 0 } problems)
        {
            exitCode = Refuse(problems);
            return null;
        }

        return target;
    }

    /// <summary>
    /// Seeds libtorch, composes the experiment and puts a batch through it; the problems found.
    /// <paramref name="composed"/> is null when composing itself failed, else the caller's to dispose
    /// (also when the check throws).
    /// </summary>
    private static List<ConfigProblem> Compose(Experiment experiment, Device device, string outputDirectory, ILogger logger, RunInterruption interruption, int worldSize, out ComposedRun? composed)
    {
        // The one seed: everything random below draws from libtorch's generator in a fixed order
        // (holdout split, weight init, then per epoch shuffling, dropout, augmentation).
        Reproducibility.Apply(experiment.Training.Seed, experiment.Training.Deterministic, experiment.Training.Threads);
        try
        {
            composed = RunComposer.Compose(experiment, device, outputDirectory, logger, interruption.Token, worldSize);
        }
        catch (CompositionException e)
        {
            composed = null;
            return [new ConfigProblem(experiment.FilePath, e.JsonPath, e.Message)];
        }

        return CompositionCheck.Run(experiment, composed, experiment.Training.BatchSize);
    }

    /// <summary>
    /// Under <c>training.strategy: ddp</c>, joins the group the launcher started and gives every rank
    /// rank 0's initial weights; null for one process. Adds a problem (bad input) when the strategy and
    /// the launch do not fit together or the rendezvous fails.
    /// </summary>
    private static DistributedRun? JoinGroup(Experiment experiment, DistributedEnvironment? group, ComposedRun composed, Device device, List<ConfigProblem> problems)
    {
        if (experiment.Training.Strategy != "ddp")
        {
            if (group is { WorldSize: > 1 })
            {
                problems.Add(new ConfigProblem(experiment.FilePath, "$.training.strategy",
                    $"{group.Launcher} started {group.WorldSize} processes, but the strategy is single: each would train and record alone. Set training.strategy to ddp, or start one process."));
            }

            return null;
        }

        if (group is not { WorldSize: > 1 })
        {
            problems.Add(new ConfigProblem(experiment.FilePath, "$.training.strategy",
                "ddp needs 2 or more processes, and this one is alone: start them with crucible run --nproc N, torchrun --nproc-per-node N, or srun -n N."));
            return null;
        }

        try
        {
            var distributed = DistributedRun.Join(group, experiment.Training.Ddp, device);
            foreach (var model in composed.Components.Models.Values)
            {
                distributed.Parallel.BroadcastState(model);
            }

            return distributed;
        }
        catch (CompositionException e)
        {
            problems.Add(new ConfigProblem(experiment.FilePath, e.JsonPath, e.Message));
            return null;
        }
    }

    private static int Refuse(List<ConfigProblem> problems) => ProblemReport.Refuse(Console.Error, problems);
}
