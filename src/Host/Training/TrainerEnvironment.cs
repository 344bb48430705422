using Crucible.Host.Distributed;
using Crucible.Torch;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>Where the trainer runs and records: the device, the run it logs to, its scratch folder, logger and interrupt.</summary>
internal sealed record TrainerEnvironment
{
    public required Device Device { get; init; }

    public required IRunLog RunLog { get; init; }

    public required string RunId { get; init; }

    /// <summary>A scratch folder for files the run records as artifacts.</summary>
    public required string OutputDirectory { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>The experiment's seed, written into checkpoints so a resume with another one is refused. Defaults to 0.</summary>
    public long Seed { get; init; }

    /// <summary>Signalled by Ctrl+C / SIGTERM: the trainer abandons the current epoch. Defaults to none.</summary>
    public CancellationToken Interrupt { get; init; }

    /// <summary>The data-parallel group this replica trains in (<c>training.strategy: ddp</c>); null for one process.</summary>
    public DistributedRun? Distributed { get; init; }
}
