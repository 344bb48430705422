namespace Crucible.Host.Cli;

/// <summary>
/// The thread pool's idle workers spin before they sleep (70 spins by default), so that the next work
/// item finds them awake. A training run wakes its recorder's background writers after every epoch and
/// every batch of metrics, and each wake-up ends in such a spin: on xor's 3,000 tiny epochs that burned
/// about a fifth of the process's CPU time (the training thread itself used about as much), and on a
/// busy machine took cores from training. Every command but <c>serve</c> (where a request arriving on a
/// spinning worker is answered sooner) turns the spinning off before the pool starts, as the runtime
/// setting <c>System.Threading.ThreadPool.UnfairSemaphoreSpinLimit</c> = 0 does; the
/// <c>DOTNET_ThreadPool_UnfairSemaphoreSpinLimit</c> environment variable still overrides it.
/// </summary>
internal static class ThreadPoolSpinning
{
    private const string SpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    /// <summary>Call first in <c>Main</c>, before anything queues work to the thread pool.</summary>
    public static void Configure(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (command != "serve" && AppContext.GetData(SpinLimit) is null)
        {
            AppContext.SetData(SpinLimit, 0);
        }
    }
}
