using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Plugins;
using Crucible.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Tests.Configuration;

public sealed class ExperimentLoaderTests
{
    private static Experiment Load(ExperimentWorkspace workspace, string file, params string[] overrides)
    {
        var discovered = PluginDiscovery.Discover([new PluginFolder(workspace.PluginsPath, "--plugins", true)]);
        var services = new ServiceCollection().AddCruciblePlugins(discovered).AddSingleton<ExperimentLoader>().BuildServiceProvider();
        return services.GetRequiredService<ExperimentLoader>().Load(file, overrides, workspace.Path, dataRoot: null);
    }

    [Fact]
    public void Extends_deep_merges_and_overrides_apply_last_with_defaults_filled_in()
    {
        using var workspace = new ExperimentWorkspace();
        // Relative data paths resolve against the experiment file that is run, wherever the base lives.
        workspace.Write("base/base.json", ExperimentWorkspace.GoodExperiment);
        var file = workspace.Write("exp.json", """
            { "extends": "base/base.json", "optimizer": { "lr": 0.2 }, "training": { "epochs": 7 } }
            """);

        var experiment = Load(workspace, file, "training.batchSize=4", "tracking.tags.team=vision");

        experiment.Optimizer.Name.Should().Be("fixture-sgd");
        experiment.Optimizer.Plugin.Should().BeAssignableTo<IOptimizer>();
        experiment.Training.Epochs.Should().Be(7);
        experiment.Training.BatchSize.Should().Be(4);
        experiment.Training.Device.Should().Be("cpu", "the base's value survives the child's partial training section");
        experiment.Tracking.Tags.Should().Contain("team", "vision");
        experiment.Metrics.Select(m => m.Name).Should().Equal("fixture-mae");
        experiment.PluginAssemblies.Should().ContainSingle().Which.Name.Should().Be(TempPluginFolder.Good);

        var resolved = experiment.Resolved;
        resolved.GetProperty("optimizer").GetProperty("lr").GetDouble().Should().Be(0.2);
        resolved.GetProperty("model").GetProperty("bias").GetBoolean().Should().BeTrue("defaults are written out");
        resolved.GetProperty("model").GetProperty("initScale").GetDouble().Should().Be(0.2);
        resolved.GetProperty("dataset").GetProperty("path").GetString().Should().Be(Path.Combine(workspace.Path, "data.csv"));
        resolved.GetProperty("dataset").GetProperty("scaling").GetString().Should().Be("none");
        resolved.TryGetProperty("extends", out _).Should().BeFalse();
        resolved.TryGetProperty("$schema", out _).Should().BeFalse();
        experiment.AsWritten.GetProperty("training").GetProperty("batchSize").GetInt32().Should().Be(4);
    }

    [Fact]
    public void A_problem_is_attributed_to_the_file_that_set_the_value()
    {
        using var workspace = new ExperimentWorkspace();
        workspace.Write("base.json", ExperimentWorkspace.GoodExperiment);
        var file = workspace.Write("exp.json", """{ "extends": "base.json", "optimizer": { "lr": 50 } }""");

        var act = () => Load(workspace, file);

        var problem = act.Should().Throw<ExperimentConfigException>().Which.Problems.Should().ContainSingle().Subject;
        problem.File.Should().Be(file);
        problem.JsonPath.Should().Be("$.optimizer.lr");
        problem.Message.Should().Be("must be greater than 0 and at most 10, got 50.");
    }

    [Fact]
    public void Data_paths_resolve_under_the_data_root_first()
    {
        using var workspace = new ExperimentWorkspace();
        var dataRoot = Directory.CreateTempSubdirectory("crucible-data-").FullName;
        File.WriteAllText(Path.Combine(dataRoot, "only-here.csv"), "1,2\n");
        var file = workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment.Replace("\"data.csv\"", "\"only-here.csv\"", StringComparison.Ordinal));
        var discovered = PluginDiscovery.Discover([new PluginFolder(workspace.PluginsPath, "--plugins", true)]);
        var services = new ServiceCollection().AddCruciblePlugins(discovered).AddSingleton<ExperimentLoader>().BuildServiceProvider();

        var experiment = services.GetRequiredService<ExperimentLoader>().Load(file, [], workspace.Path, dataRoot);

        experiment.Dataset.Options.Should().BeOfType(discovered.Candidates.First(c => c.Name == "fixture-table").Type.Assembly
            .GetType("Crucible.Fixtures.Good.TableOptions"));
        experiment.Resolved.GetProperty("dataset").GetProperty("path").GetString().Should().Be(Path.Combine(dataRoot, "only-here.csv"));
        Directory.Delete(dataRoot, true);
    }

    [Fact]
    public void Ambiguous_plugin_name_is_reported_naming_both_assemblies()
    {
        using var workspace = new ExperimentWorkspace(TempPluginFolder.Good, TempPluginFolder.Duplicate);
        var file = workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment);

        var act = () => Load(workspace, file);

        act.Should().Throw<ExperimentConfigException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("two model plugins are named 'fixture-linear'")
            .And.Contain("Crucible.Fixtures.Good.dll").And.Contain("Crucible.Fixtures.Duplicate.dll");
    }
}
