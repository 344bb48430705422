using System.Text;
using Crucible.Torch.Distributed;

namespace Crucible.Torch.Tests.Distributed;

public class StoreTests
{
    [Fact]
    public void A_tcp_store_client_reads_what_the_master_set_and_counters_add_up()
    {
        using var master = new TcpStore("127.0.0.1", 0, worldSize: null, isMaster: true, Ranks.Timeout);
        using var client = new TcpStore("127.0.0.1", master.Port, worldSize: null, isMaster: false, Ranks.Timeout);

        master.Set("address", "10.0.0.7:29500");
        client.Add("joined", 1).Should().Be(1);
        master.Add("joined", 2).Should().Be(3);

        Encoding.UTF8.GetString(client.Get("address")).Should().Be("10.0.0.7:29500");
        client.Set("empty", ReadOnlySpan<byte>.Empty);
        master.Get("empty").Should().BeEmpty();
    }

    [Fact]
    public async Task Get_waits_for_a_key_another_rank_sets_later()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crucible-store-{Guid.NewGuid():N}");
        try
        {
            using var writer = new FileStore(path, 2);
            using var reader = new FileStore(path, 2);

            var read = Task.Run(() => Encoding.UTF8.GetString(reader.Get("ready")));
            writer.Set("ready", "yes");

            (await read.WaitAsync(Ranks.Timeout)).Should().Be("yes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Get_of_a_key_nobody_sets_fails_after_the_timeout()
    {
        using var master = new TcpStore("127.0.0.1", 0, worldSize: null, isMaster: true, Ranks.Timeout);
        master.SetTimeout(TimeSpan.FromMilliseconds(200));

        var get = () => master.Get("never");

        get.Should().Throw<TorchException>();
    }
}
