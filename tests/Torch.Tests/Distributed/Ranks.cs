using Crucible.Torch.Distributed;

namespace Crucible.Torch.Tests.Distributed;

/// <summary>
/// Runs one body per rank, each on its own thread with its own store client and its own Gloo process
/// group: real c10d rendezvous and collectives over loopback TCP, as separate processes would do them.
/// </summary>
internal static class Ranks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> ranks joined through a fresh file store.</summary>
    public static T[] Run<T>(int size, Func<ProcessGroup, T> body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        try
        {
            return RunEach(size, rank =>
            {
                using var store = new FileStore(path, size);
                using var group = new ProcessGroupGloo(store, rank, size, Timeout, hostname: "127.0.0.1");
                return body(group);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs one body per rank on its own thread and returns their results in rank order.</summary>
    public static T[] RunEach<T>(int size, Func<int, T> body)
    {
        var tasks = Enumerable.Range(0, size)
            .Select(rank => Task.Factory.StartNew(() => body(rank), TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }
}
