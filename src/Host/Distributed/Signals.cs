using System.Runtime.InteropServices;

namespace Crucible.Host.Distributed;

/// <summary>POSIX signals to other processes (.NET's Process.Kill only sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM: the process stops as on Ctrl+C.</summary>
    public static void Terminate(int pid) => _ = kill(pid, SigTerm);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
