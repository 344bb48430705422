using Crucible.Host.Plugins;

namespace Crucible.Host.Tests.Plugins;

public sealed class ContractVersionTests
{
    [Theory]
    [InlineData("0.1.0.0", "0.1.0.0", true)]
    [InlineData("0.0.9.0", "0.1.0.0", true)]
    [InlineData("1.0.0.0", "1.3.2.0", true)]
    [InlineData("1.3.1.0", "1.3.2.0", true)]
    [InlineData("1.4.0.0", "1.3.2.0", false)]
    [InlineData("1.3.3.0", "1.3.2.0", false)]
    [InlineData("2.0.0.0", "1.3.2.0", false)]
    [InlineData("0.9.0.0", "1.0.0.0", false)]
    public void Same_major_and_not_newer_than_the_host_is_compatible(string builtAgainst, string host, bool compatible) =>
        ContractVersion.IsCompatible(Version.Parse(builtAgainst), Version.Parse(host)).Should().Be(compatible);

    [Fact]
    public void Versions_are_shown_as_packages_show_them() =>
        ContractVersion.Display(new Version(1, 2, 0, 0)).Should().Be("1.2.0");
}
