using Crucible.Abstractions;
using Crucible.Host.Plugins;
using Crucible.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Tests.Plugins;

public sealed class PluginDiscoveryTests
{
    private static PluginCatalog Catalog(params string[] folders)
    {
        var discovered = PluginDiscovery.Discover(folders.Select(f => new PluginFolder(f, "--plugins", true)).ToList());
        var services = new ServiceCollection().AddCruciblePlugins(discovered).BuildServiceProvider();
        return services.GetRequiredService<PluginCatalog>();
    }

    [Fact]
    public void Good_fixture_registers_each_plugin_under_its_name_with_types_from_the_host()
    {
        using var folder = new TempPluginFolder(TempPluginFolder.Good);

        var catalog = Catalog(folder.Path);

        catalog.Problems.Should().BeEmpty();
        catalog.Plugins.Select(p => $"{p.KindName}:{p.Name}").Should().Equal(
            "dataset:fixture-hang", "dataset:fixture-table", "model:fixture-linear", "loss:fixture-mse", "optimizer:fixture-sgd", "metric:fixture-mae",
            "callback:fixture-counter", "callback:fixture-fail", "callback:fixture-gate", "task:fixture-pair");
        var model = catalog.Find(PluginKind.Model, "FIXTURE-LINEAR");
        model.Should().NotBeNull();
        model!.Assembly.Version.Should().StartWith("1.2.3");
        model.Assembly.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        model.Description.Should().Be("y = x W + b.");
        model.OptionsType.Name.Should().Be("LinearOptions");

        // The plugin's IModel is the host's IModel: contract assemblies unify across load contexts.
        var instance = catalog.Resolve(model);
        instance.Should().BeAssignableTo<IModel>();
        instance.GetType().Assembly.GetName().Name.Should().Be(TempPluginFolder.Good);
        System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(instance.GetType().Assembly)
            .Should().BeOfType<PluginLoadContext>();
    }

    [Fact]
    public void Missing_dependency_is_reported_with_the_missing_assembly_and_skipped()
    {
        using var folder = new TempPluginFolder(TempPluginFolder.Good, TempPluginFolder.MissingDependency);

        var catalog = Catalog(folder.Path);

        catalog.Problems.Should().ContainSingle().Which.ToString().Should()
            .Contain("Crucible.Fixtures.MissingDependency.dll").And.Contain("missing dependency Crucible.Fixtures.Helper");
        catalog.Find(PluginKind.Model, "fixture-orphan").Should().BeNull();
        catalog.Find(PluginKind.Model, "fixture-linear").Should().NotBeNull("the healthy plugins still load");
    }

    [Fact]
    public void Constructor_that_throws_is_reported_and_only_that_plugin_is_skipped()
    {
        using var folder = new TempPluginFolder(TempPluginFolder.Throwing);

        var catalog = Catalog(folder.Path);

        catalog.Problems.Should().ContainSingle(p => p.Reason.Contains("fixture-throwing", StringComparison.Ordinal)).Which.Reason.Should()
            .Contain("'fixture-throwing' could not be constructed").And.Contain("fixture constructor failure");
        catalog.Names(PluginKind.Loss).Should().Equal("fixture-l1");
    }

    [Fact]
    public void A_plugin_with_an_option_called_name_is_refused_with_a_clear_message()
    {
        using var folder = new TempPluginFolder(TempPluginFolder.Throwing);

        var catalog = Catalog(folder.Path);

        catalog.Problems.Should().ContainSingle(p => p.Reason.Contains("fixture-named-option", StringComparison.Ordinal)).Which.Reason.Should()
            .Contain("option called \"name\"").And.Contain("NamedOptions.Name").And.Contain("rename the option");
        catalog.Find(PluginKind.Loss, "fixture-named-option").Should().BeNull();
    }

    [Fact]
    public void Two_plugins_with_one_name_are_an_error_naming_both_assemblies()
    {
        using var folder = new TempPluginFolder(TempPluginFolder.Good, TempPluginFolder.Duplicate);

        var catalog = Catalog(folder.Path);

        var problem = catalog.Problems.Should().ContainSingle().Subject;
        problem.Reason.Should().Contain("two model plugins are named 'fixture-linear'")
            .And.Contain("Crucible.Fixtures.Good.dll").And.Contain("Crucible.Fixtures.Duplicate.dll");
        catalog.Find(PluginKind.Model, "fixture-linear").Should().BeNull();
        catalog.AmbiguityOf(PluginKind.Model, "fixture-linear").Should().Contain("Crucible.Fixtures.Duplicate.dll");
        catalog.Find(PluginKind.Dataset, "fixture-table").Should().NotBeNull();
    }

    [Fact]
    public void Explicit_folder_that_does_not_exist_is_reported()
    {
        var discovered = PluginDiscovery.Discover([new PluginFolder("/nonexistent/crucible-plugins", "--plugins", true)]);

        discovered.MissingFolders.Should().ContainSingle().Which.Path.Should().Be("/nonexistent/crucible-plugins");
    }

    [Fact]
    public void Folders_are_searched_in_order_built_in_installed_working_cli_environment_once_each()
    {
        var folders = PluginFolder.Resolve(
            "/opt/crucible", "/home/me/.local/share/crucible/plugins", "/home/me/exp", ["extra", "/opt/crucible/plugins"], $"/a{Path.PathSeparator}/b{Path.PathSeparator}");

        folders.Select(f => (f.Path, f.Origin)).Should().Equal(
            ("/opt/crucible/plugins", "built-in"),
            ("/home/me/.local/share/crucible/plugins", "installed"),
            ("/home/me/exp/plugins", "./plugins"),
            ("/home/me/exp/extra", "--plugins"),
            ("/a", "CRUCIBLE_PLUGINS"),
            ("/b", "CRUCIBLE_PLUGINS"));
    }

    [Fact]
    public void A_plugin_dll_put_directly_into_a_plugins_folder_is_loaded()
    {
        using var source = new TempPluginFolder(TempPluginFolder.Good);
        var folder = Directory.CreateTempSubdirectory("crucible-loose-").FullName;
        File.Copy(Path.Combine(source.Path, TempPluginFolder.Good, TempPluginFolder.Good + ".dll"), Path.Combine(folder, TempPluginFolder.Good + ".dll"));

        var catalog = Catalog(folder);

        catalog.Problems.Should().BeEmpty();
        catalog.Find(PluginKind.Model, "fixture-linear").Should().NotBeNull();
    }

    [Fact]
    public void A_dll_directly_in_a_plugins_folder_that_is_no_plugin_is_reported_never_ignored()
    {
        var folder = Directory.CreateTempSubdirectory("crucible-loose-").FullName;
        File.Copy(typeof(TempPluginFolder).Assembly.Location, Path.Combine(folder, "Crucible.TestSupport.dll"));
        File.Copy(typeof(IPlugin).Assembly.Location, Path.Combine(folder, "Crucible.Abstractions.dll"));
        File.WriteAllText(Path.Combine(folder, "notes.dll"), "not an assembly");

        var catalog = Catalog(folder);

        catalog.Plugins.Should().BeEmpty();
        catalog.Problems.Select(p => Path.GetFileName(p.Source)).Should().BeEquivalentTo("Crucible.Abstractions.dll", "Crucible.TestSupport.dll", "notes.dll");
        catalog.Problems.Single(p => p.Source.EndsWith("Crucible.Abstractions.dll", StringComparison.Ordinal)).Reason.Should().Contain("contract assembly the host supplies");
        catalog.Problems.Single(p => p.Source.EndsWith("TestSupport.dll", StringComparison.Ordinal)).Reason.Should().Contain("holds no plugin class");
        catalog.Problems.Single(p => p.Source.EndsWith("notes.dll", StringComparison.Ordinal)).Reason.Should().Contain("not a loadable .NET assembly");
    }
}
