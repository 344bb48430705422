using Xunit.Abstractions;

namespace Crucible.Torch.Tests.Tensors;

/// <summary>
/// The shim keeps freed CPU tensor memory in the C heap for the next step (glibc would otherwise
/// map, fault in and unmap every large buffer on every step) and gives it back on request.
/// </summary>
[Collection(GlobalState.Name)]
public class HeapReuseTests(ITestOutputHelper output)
{
    private const int Buffers = 64;
    private const long BufferElements = 1L << 20; // 4 MiB of float32, above glibc's default mmap threshold
    private const long Total = Buffers * BufferElements * sizeof(float);

    [Fact]
    public void Freed_tensor_memory_is_kept_for_reuse_until_released()
    {
        torch.ReleaseMemory();
        var start = Rss();
        var buffers = new Tensor[Buffers];
        for (var i = 0; i < Buffers; i++)
        {
            buffers[i] = torch.Ones([BufferElements]).DetachFromDisposeScope();
        }

        var allocated = Rss();
        foreach (var b in buffers)
        {
            b.Dispose();
        }

        var freed = Rss();
        var released = torch.ReleaseMemory();
        var after = Rss();
        output.WriteLine($"RSS MiB: start {Mib(start)}, 64 x 4 MiB allocated {Mib(allocated)}, freed {Mib(freed)}, released {Mib(after)}");

        (allocated - start).Should().BeGreaterThan(Total * 3 / 4, "the buffers were written, so they are resident");
        (freed - start).Should().BeGreaterThan(Total * 3 / 4, "freed buffers stay in the heap for the next step");
        released.Should().BeTrue();
        (freed - after).Should().BeGreaterThan(Total * 3 / 4, "ReleaseMemory returns the kept pages to the system");
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    // /proc/self/statm's resident pages: no GC here, which could itself free or touch memory.
    private static long Rss() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
}
