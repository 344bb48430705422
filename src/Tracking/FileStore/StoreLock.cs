namespace Crucible.Tracking.FileStore;

/// <summary>
/// A machine-wide lock on one store, for the few operations that must not interleave between
/// processes (creating an experiment whose name must be unique, a registered model's next version).
/// The lock is one empty file at the store's root, <see cref="FileName"/>, kept for the store's
/// life: MLflow reads only the root's folders, and deleting a lock file on release is not safe (a
/// waiter holding the unlinked file and a newcomer creating a new one would both hold "the" lock).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    /// <summary>The lock file's name at the store's root.</summary>
    public const string FileName = ".crucible-lock";

    private readonly FileStream stream;

    private StoreLock(FileStream stream) => this.stream = stream;

    public static StoreLock Acquire(string root, TimeSpan? timeout = null)
    {
        var path = Path.Combine(Directory.CreateDirectory(root).FullName, FileName);
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
