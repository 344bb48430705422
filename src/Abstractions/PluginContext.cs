using Crucible.Torch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crucible.Abstractions;

/// <summary>What the host hands every plugin factory call: where to compute, how to log, when to stop.</summary>
public abstract class PluginContext
{
    /// <summary>The device training runs on; tensors a plugin creates belong there. Defaults to the CPU.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>The run's logger (console, and the run's log file). Defaults to a logger that drops everything.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The experiment's seed (<c>training.seed</c>); libtorch's generator is already seeded with it.</summary>
    public long Seed { get; init; }

    /// <summary>Signalled when the user interrupts the run (Ctrl+C, SIGTERM). Defaults to none.</summary>
    public CancellationToken CancellationToken { get; init; }
}
