using System.Security.Cryptography;
using System.Text;

namespace Crucible.Tracking.FileStore;

/// <summary>
/// A machine-wide lock on one store, for the few operations that must not interleave between
/// processes (creating an experiment whose name must be unique). The lock file lives in the temp
/// folder, not in the store, so the store holds only what MLflow writes.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream stream;

    private StoreLock(FileStream stream) => this.stream = stream;

    public static StoreLock Acquire(string root, TimeSpan? timeout = null)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(root))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{hash}.lock");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
            catch (IOException ex)
            {
                throw new TrackingException($"Timed out waiting for the lock on the MLflow store '{root}' ({path}).", ex);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
