using System.IO.Compression;
using Crucible.Host.Plugins;

namespace Crucible.Host.Tests.Plugins;

public sealed class PluginInstallerTests : IDisposable
{
    private readonly string target = Directory.CreateTempSubdirectory("crucible-installed-").FullName;

    public void Dispose() => Directory.Delete(target, recursive: true);

    [Fact]
    public void A_build_output_folder_is_installed_as_Name_slash_Name_dll_without_the_contract_assemblies()
    {
        using var source = new TempPluginFolder(TempPluginFolder.Good);
        var output = Path.Combine(source.Path, TempPluginFolder.Good);
        // A build output that copied the contracts too, as a plugin built without the template's properties does.
        File.Copy(typeof(Crucible.Abstractions.IPlugin).Assembly.Location, Path.Combine(output, "Crucible.Abstractions.dll"));

        var result = PluginInstaller.Install(output, target);

        result.Name.Should().Be(TempPluginFolder.Good);
        result.Folder.Should().Be(Path.Combine(target, TempPluginFolder.Good));
        result.Version.Should().StartWith("1.2.3");
        result.Plugins.Should().Contain("model 'fixture-linear'");
        result.Replaced.Should().BeFalse();
        File.Exists(Path.Combine(result.Folder, TempPluginFolder.Good + ".dll")).Should().BeTrue();
        File.Exists(Path.Combine(result.Folder, "Crucible.Abstractions.dll")).Should().BeFalse();
        Directory.EnumerateDirectories(target).Should().ContainSingle("the staging folder is gone");

        PluginInstaller.Install(output, target).Replaced.Should().BeTrue();
    }

    [Fact]
    public void A_nupkg_is_installed_from_its_lib_folder()
    {
        using var source = new TempPluginFolder(TempPluginFolder.Good);
        var package = Path.Combine(source.Path, "Crucible.Fixtures.Good.1.2.3.nupkg");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("Crucible.Fixtures.Good.nuspec").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\"><metadata><id>Crucible.Fixtures.Good</id><version>1.2.3</version></metadata></package>");
            }

            zip.CreateEntryFromFile(Path.Combine(source.Path, TempPluginFolder.Good, TempPluginFolder.Good + ".dll"), $"lib/net10.0/{TempPluginFolder.Good}.dll");
            zip.CreateEntryFromFile(Path.Combine(source.Path, TempPluginFolder.Good, TempPluginFolder.Good + ".dll"), $"lib/net8.0/{TempPluginFolder.Good}.dll");
        }

        var result = PluginInstaller.Install(package, target);

        result.Plugins.Should().Contain("model 'fixture-linear'");
        Directory.EnumerateFiles(result.Folder).Select(Path.GetFileName).Should().Equal(TempPluginFolder.Good + ".dll");
    }

    [Fact]
    public void A_plugin_that_does_not_load_is_refused_with_the_reason_and_nothing_is_installed()
    {
        using var source = new TempPluginFolder(TempPluginFolder.MissingDependency);

        var act = () => PluginInstaller.Install(Path.Combine(source.Path, TempPluginFolder.MissingDependency), target);

        act.Should().Throw<PluginInstallException>().WithMessage("*was not installed*missing dependency Crucible.Fixtures.Helper*");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public void A_path_that_is_no_plugin_says_what_to_give()
    {
        var act = () => PluginInstaller.Install(Path.Combine(target, "nothing-here"), target);

        act.Should().Throw<PluginInstallException>().WithMessage("*no such folder, .dll or .nupkg*build output folder*");
    }
}
