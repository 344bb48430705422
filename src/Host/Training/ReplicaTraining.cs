using Crucible.Host.Cli;
using Crucible.Host.Configuration;
using Crucible.Host.Distributed;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// A ddp rank other than 0: trains its replica in step with the group and records nothing (rank 0
/// records the run). Resumes from the checkpoint the run's record holds, as rank 0 does.
/// </summary>
internal static class ReplicaTraining
{
    /// <summary>Trains <paramref name="prepared"/>'s replica; returns the process exit code (0, 1 failed, 130 interrupted).</summary>
    public static int Run(Experiment experiment, RunOptions options, PreparedRun prepared)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prepared);
        var distributed = prepared.Distributed ?? throw new ArgumentException("A replica trains in a data-parallel group.", nameof(prepared));
        var (composed, interruption) = (prepared.Composed, prepared.Interruption);
        interruption.Graceful = true;
        var rank = distributed.Environment.Rank;
        var trainer = new Trainer(
            composed.Components,
            RunComposer.TrainerOptions(experiment),
            new TrainerEnvironment
            {
                Device = prepared.Device, RunLog = UnrecordedRunLog.Instance, RunId = $"rank-{rank}", OutputDirectory = prepared.OutputDirectory,
                Logger = prepared.Logger, Seed = experiment.Training.Seed, Interrupt = interruption.Token, Distributed = distributed,
            });
        try
        {
            var (startEpoch, startStep) = (0, 0L);
            if (options.Resume is { } resume)
            {
                var info = trainer.RestoreCheckpoint(resume.LastCheckpoint);
                (startEpoch, startStep) = (info.Epoch, info.GlobalStep);
            }

            trainer.Fit(composed.Train, composed.Validation, composed.Data.TrainTransform, startEpoch, startStep);
            return trainer.Interrupted ? RunInterruption.ExitCode : ExitCodes.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Rank 0 records the run's failure; this rank says why it left, and its exit ends the group.
            Console.Error.WriteLine($"error: rank {rank}: {MessageText.Shorten(e.Message)}");
            return ExitCodes.Failed;
        }
    }
}
