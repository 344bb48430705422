using Crucible.Tracking.FileStore;

namespace Crucible.Tracking.Tests;

/// <summary>The lock that serializes a local store's writers between processes lives in the store.</summary>
public class StoreLockTests
{
    [Fact]
    public async Task A_store_keeps_its_lock_file_at_its_root_and_still_reads_back()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mlruns");
        using var store = new LocalFileStore(root);

        var id = await store.CreateExperimentAsync("locked");
        await store.CreateExperimentAsync("locked-too");

        File.Exists(Path.Combine(root, StoreLock.FileName)).Should().BeTrue("the lock is beside what it guards, not in the temp folder");
        (await store.GetExperimentByNameAsync("locked"))!.ExperimentId.Should().Be(id, "MLflow's layout reads only the root's folders");
    }

    [Fact]
    public void The_lock_is_held_until_released()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mlruns");

        using (StoreLock.Acquire(root))
        {
            var second = () => StoreLock.Acquire(root, TimeSpan.FromMilliseconds(200));
            second.Should().Throw<TrackingException>().WithMessage("*Timed out waiting for the lock*");
        }

        using var again = StoreLock.Acquire(root, TimeSpan.Zero);
        File.Exists(Path.Combine(root, StoreLock.FileName)).Should().BeTrue();
    }
}
