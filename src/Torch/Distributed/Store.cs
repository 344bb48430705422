using System.Runtime.InteropServices;
using Crucible.Torch.Interop;

namespace Crucible.Torch.Distributed;

/// <summary>
/// A c10d key-value store, the rendezvous of a process group (<c>torch.distributed.Store</c>): every
/// process of the group opens the same store, and the group exchanges its addresses through it.
/// </summary>
public abstract class Store : IDisposable
{
    private protected Store(StoreHandle handle) => Handle = handle;

    internal StoreHandle Handle { get; }

    /// <summary>Sets a key (<c>store.set</c>).</summary>
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        var bytes = value.ToArray();
        NativeMethods.Check(NativeMethods.crc_store_set(Handle, key, bytes, bytes.Length));
    }

    /// <summary>Sets a key to a UTF-8 string.</summary>
    public void Set(string key, string value) => Set(key, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>Waits for a key (up to the store's timeout) and returns its value (<c>store.get</c>).</summary>
    public byte[] Get(string key)
    {
        var length = NativeMethods.Check(NativeMethods.crc_store_get(Handle, key, out var value));
        try
        {
            var bytes = new byte[length];
            Marshal.Copy(value, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            NativeMethods.crc_free(value);
        }
    }

    /// <summary>Adds to a counter key, creating it at 0, and returns the new value (<c>store.add</c>).</summary>
    public long Add(string key, long amount)
    {
        var value = NativeMethods.crc_store_add(Handle, key, amount);
        if (value == long.MinValue)
        {
            throw NativeMethods.LastError();
        }

        return value;
    }

    /// <summary>How long <see cref="Get"/> waits for a key before it fails (<c>store.set_timeout</c>).</summary>
    public void SetTimeout(TimeSpan timeout) =>
        NativeMethods.Check(NativeMethods.crc_store_set_timeout(Handle, (long)timeout.TotalMilliseconds));

    /// <inheritdoc />
    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
