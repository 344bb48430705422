using Crucible.Torch.Interop;

namespace Crucible.Torch.Distributed;

/// <summary>
/// c10d's Gloo process group (<c>ProcessGroupGloo</c>, <c>backend="gloo"</c>): collectives on CPU
/// tensors over TCP. Construction is the rendezvous: it returns once all ranks have joined through the
/// store, or throws when the timeout passes first.
/// </summary>
public sealed class ProcessGroupGloo : ProcessGroup
{
    /// <summary>Joins the group as <paramref name="rank"/> of <paramref name="size"/>.</summary>
    /// <param name="store">The rendezvous store every rank opened.</param>
    /// <param name="rank">This process's rank.</param>
    /// <param name="size">Number of ranks.</param>
    /// <param name="timeout">How long the rendezvous and each collective may take.</param>
    /// <param name="networkInterface">The network interface to use (Python's <c>GLOO_SOCKET_IFNAME</c>), or null.</param>
    /// <param name="hostname">The host name or address to bind, or null for this machine's host name
    /// (loopback when it does not resolve).</param>
    public ProcessGroupGloo(Store store, int rank, int size, TimeSpan timeout, string? networkInterface = null, string? hostname = null)
        : base(Create(store, rank, size, timeout, networkInterface, hostname))
    {
    }

    /// <summary>Whether the shim was built with c10d's Gloo backend.</summary>
    public static bool IsAvailable => NativeMethods.crc_dist_gloo_available() == 1;

    private static ProcessGroupHandle Create(Store store, int rank, int size, TimeSpan timeout, string? networkInterface, string? hostname)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, size);
        return NativeMethods.Check(NativeMethods.crc_pg_gloo_new(
            store.Handle, rank, size, (long)timeout.TotalMilliseconds, networkInterface, hostname));
    }
}
