using Crucible.Torch.Interop;

namespace Crucible.Torch.Distributed;

/// <summary>
/// c10d's TCP store (<c>torch.distributed.TCPStore</c>): the master process listens on a port, the
/// others connect to it. Rendezvous across machines (torchrun's and Slurm's <c>MASTER_ADDR</c>:<c>MASTER_PORT</c>).
/// </summary>
public sealed class TcpStore : Store
{
    /// <summary>Listens (<paramref name="isMaster"/>) or connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">The master's host name or address.</param>
    /// <param name="port">The master's port; on the master, 0 picks a free port (<see cref="Port"/>).</param>
    /// <param name="worldSize">Number of processes of the group, or null when unknown.</param>
    /// <param name="isMaster">Whether this process hosts the store.</param>
    /// <param name="timeout">How long connecting and every <see cref="Store.Get"/> wait.</param>
    public TcpStore(string host, int port, int? worldSize, bool isMaster, TimeSpan timeout)
        : base(NativeMethods.Check(NativeMethods.crc_store_tcp_new(
            host, Validate(port), worldSize ?? -1, isMaster ? 1 : 0, (long)timeout.TotalMilliseconds)))
    {
    }

    /// <summary>The port the store listens on (the one chosen when the master asked for port 0).</summary>
    public int Port => NativeMethods.Check(NativeMethods.crc_store_tcp_port(Handle));

    private static int Validate(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        return port;
    }
}
