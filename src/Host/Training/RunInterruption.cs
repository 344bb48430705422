using System.Runtime.InteropServices;

namespace Crucible.Host.Training;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a graceful stop. The first signal cancels <see cref="Token"/>: the
/// trainer finishes the current batch, the run is checkpointed and ended KILLED. A second signal runs
/// <c>onSecondSignal</c> (end the run KILLED now) and exits the process with code 130.
/// </summary>
internal sealed class RunInterruption : IDisposable
{
    public const int ExitCode = 130;

    private readonly CancellationTokenSource cancellation = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly Action onSecondSignal;
    private int signals;

    public RunInterruption(Action onSecondSignal)
    {
        ArgumentNullException.ThrowIfNull(onSecondSignal);
        this.onSecondSignal = onSecondSignal;
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>True once a signal arrived.</summary>
    public bool Requested => Volatile.Read(ref signals) > 0;

    /// <summary>The signal that stopped the run, for the log and the recorded error.</summary>
    public PosixSignal? Signal { get; private set; }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive: the runtime's default for SIGINT/SIGTERM would end it before the
        // run is checkpointed and recorded.
        context.Cancel = true;
        if (Interlocked.Increment(ref signals) == 1)
        {
            Signal = context.Signal;
            cancellation.Cancel();
            return;
        }

        try
        {
            onSecondSignal();
        }
        finally
        {
            Environment.Exit(ExitCode);
        }
    }
}
