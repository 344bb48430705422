using Crucible.Host.Distributed;

namespace Crucible.Host.Tests.Distributed;

public class SlurmHostListTests
{
    [Theory]
    [InlineData("node07", new[] { "node07" })]
    [InlineData("node[01-03,07]", new[] { "node01", "node02", "node03", "node07" })]
    [InlineData("a[8-10],b", new[] { "a8", "a9", "a10", "b" })]
    [InlineData("gpu-[1-2]-ib,cpu[001-002]", new[] { "gpu-1-ib", "gpu-2-ib", "cpu001", "cpu002" })]
    [InlineData("rack[1-2]-n[1-2]", new[] { "rack1-n1", "rack1-n2", "rack2-n1", "rack2-n2" })]
    public void Expands_like_scontrol_show_hostnames(string list, string[] hosts)
    {
        SlurmHostList.Expand(list).Should().Equal(hosts);
        SlurmHostList.First(list).Should().Be(hosts[0]);
    }

    [Theory]
    [InlineData("node[01-03")]
    [InlineData("node01]")]
    [InlineData("node[05-01]")]
    [InlineData("")]
    public void A_malformed_list_is_a_format_error(string list)
    {
        var first = () => SlurmHostList.First(list);

        first.Should().Throw<FormatException>();
    }
}
