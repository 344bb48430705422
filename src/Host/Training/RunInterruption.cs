using System.Runtime.InteropServices;

namespace Crucible.Host.Training;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a stop. Before the run is recorded (composing, loading data)
/// nothing needs saving: the first signal runs <see cref="BeforeExit"/> and ends the process with
/// code 130 at once, whatever a plugin is blocked in. Once <see cref="Graceful"/> is set the first
/// signal cancels <see cref="Token"/>: the trainer finishes the current batch, the run is
/// checkpointed and ended KILLED; a second signal runs <see cref="OnSecondSignal"/> (end the run
/// KILLED now) and exits with code 130.
/// </summary>
internal sealed class RunInterruption : IDisposable
{
    public const int ExitCode = 130;

    private readonly CancellationTokenSource cancellation = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private int signals;
    private volatile bool graceful;

    public RunInterruption()
    {
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>True once a signal arrived.</summary>
    public bool Requested => Volatile.Read(ref signals) > 0;

    /// <summary>The signal that stopped the run, for the log and the recorded error.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>True once a run is recorded: the first signal then stops it gracefully instead of exiting.</summary>
    public bool Graceful
    {
        get => graceful;
        set => graceful = value;
    }

    /// <summary>Runs before the process exits on a signal that is not handled gracefully (say why, clean up).</summary>
    public Action<PosixSignal>? BeforeExit { get; set; }

    /// <summary>Runs on the second signal of a graceful stop, before the process exits.</summary>
    public Action? OnSecondSignal { get; set; }

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
        // Keep the runtime's default (an abrupt exit) from ending the process before we decide.
        context.Cancel = true;
        var count = Interlocked.Increment(ref signals);
        if (count == 1)
        {
            Signal = context.Signal;
            cancellation.Cancel();
        }

        if (count == 1 && graceful)
        {
            return;
        }

        try
        {
            if (count == 1)
            {
                BeforeExit?.Invoke(context.Signal);
            }
            else
            {
                OnSecondSignal?.Invoke();
            }
        }
        finally
        {
            Environment.Exit(ExitCode);
        }
    }
}
