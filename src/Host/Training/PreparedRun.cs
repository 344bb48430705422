using Crucible.Host.Distributed;
using Crucible.Torch;
using Microsoft.Extensions.Logging;

namespace Crucible.Host.Training;

/// <summary>
/// A run that passed <see cref="RunPreflight"/> and is not recorded yet: where it will be recorded,
/// its device, scratch folder, log and signal handling, its composed and checked components, and its
/// data-parallel group when it trains in one. Disposing it leaves the group, frees the components,
/// closes the log, deletes the scratch folder and hands the freed tensor memory back.
/// </summary>
internal sealed class PreparedRun : IDisposable
{
    private readonly RunLogging logging;

    public PreparedRun(RecordTarget target, string outputDirectory, RunLogging logging, ILogger logger, RunInterruption interruption, ComposedRun composed, DistributedRun? distributed)
    {
        Target = target;
        OutputDirectory = outputDirectory;
        this.logging = logging;
        Logger = logger;
        Interruption = interruption;
        Composed = composed;
        Distributed = distributed;
    }

    public RecordTarget Target { get; }

    public Device Device => Target.Device;

    /// <summary>The run's scratch folder (checkpoints, artifacts before upload, the log file).</summary>
    public string OutputDirectory { get; }

    public ILogger Logger { get; }

    public RunInterruption Interruption { get; }

    public ComposedRun Composed { get; }

    /// <summary>The data-parallel group this process trains in; null for one process.</summary>
    public DistributedRun? Distributed { get; }

    /// <summary>What <see cref="RunLifecycle"/> needs to start the run (named <paramref name="runName"/>, default <c>tracking.runName</c>).</summary>
    public RunScratch Scratch(string? runName) =>
        new(Target.TrackingUri, Target.ExperimentName, Device.ToString(), OutputDirectory, Logger, Interruption) { RunName = runName };

    public void Dispose() => Release(OutputDirectory, logging, Interruption, Composed, Distributed);

    /// <summary>Frees what a preflight built so far (null: not built), in the reverse order of building.</summary>
    internal static void Release(string outputDirectory, RunLogging? logging, RunInterruption? interruption, ComposedRun? composed, DistributedRun? distributed)
    {
        try
        {
            distributed?.Dispose();
            composed?.Dispose();
            interruption?.Dispose();
            logging?.Dispose();
        }
        finally
        {
            ScratchFolder.TryDelete(outputDirectory);

            // While training, the shim keeps freed tensor memory in the C heap for the next step (see
            // allocation.cpp); the composed run is disposed now, so hand the free pages back.
            torch.ReleaseMemory();
        }
    }
}
