using System.Text.Json;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Plugins;
using Crucible.Host.Tests.Support;
using Crucible.Host.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Tests.Configuration;

/// <summary>Experiment files name a component per role of the task; validation, params, extends and --set work across roles.</summary>
public sealed class TaskRolesTests
{
    private const string PairExperiment = """
        {
          "task": "fixture-pair",
          "dataset": { "name": "fixture-table", "path": "data.csv" },
          "models": { "first": { "name": "fixture-linear" }, "second": { "name": "fixture-linear", "initScale": 0.3 } },
          "loss": "fixture-mse",
          "optimizers": { "first": { "name": "fixture-sgd", "lr": 0.05 }, "second": { "name": "fixture-sgd", "lr": 0.01 } },
          "training": { "epochs": 2, "batchSize": 2, "device": "cpu" }
        }
        """;

    private static Experiment Load(ExperimentWorkspace workspace, string file, params string[] overrides)
    {
        var discovered = PluginDiscovery.Discover([new PluginFolder(workspace.PluginsPath, "--plugins", true)]);
        var services = new ServiceCollection().AddCruciblePlugins(discovered).AddSingleton<ExperimentLoader>().BuildServiceProvider();
        return services.GetRequiredService<ExperimentLoader>().Load(file, overrides, workspace.Path, dataRoot: null);
    }

    private static IReadOnlyList<ConfigProblem> Problems(ExperimentWorkspace workspace, string file, params string[] overrides)
    {
        var act = () => Load(workspace, file, overrides);
        return act.Should().Throw<ExperimentConfigException>().Which.Problems;
    }

    [Fact]
    public void A_file_without_a_task_resolves_as_before_with_the_single_roles()
    {
        using var workspace = new ExperimentWorkspace();
        var experiment = Load(workspace, workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment));

        experiment.Task.Should().BeNull("the supervised step is the default");
        experiment.Models.Keys.Should().Equal("model");
        experiment.Optimizers.Keys.Should().Equal("model");
        experiment.Losses.Keys.Should().Equal("loss");
        experiment.Resolved.EnumerateObject().Select(p => p.Name).Should().Equal("dataset", "model", "loss", "optimizer", "metrics", "callbacks", "training", "tracking");
        ExperimentParams.Flatten(experiment.Resolved).Keys.Should().Contain("model.initScale").And.NotContain(k => k.StartsWith("task", StringComparison.Ordinal) || k.StartsWith("models.", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_resolve_by_name_and_flatten_into_params_with_extends_and_set_across_roles()
    {
        using var workspace = new ExperimentWorkspace();
        workspace.Write("base.json", PairExperiment);
        var file = workspace.Write("exp.json", """{ "extends": "base.json", "optimizers": { "second": { "lr": 0.02 } } }""");

        var experiment = Load(workspace, file, "models.first.initScale=0.4");

        experiment.Task!.Name.Should().Be("fixture-pair");
        experiment.Models.Keys.Should().Equal("first", "second");
        experiment.Model.Should().BeSameAs(experiment.Models["first"], "the first model role is the primary model");
        var parameters = ExperimentParams.Flatten(experiment.Resolved);
        parameters["task.name"].Should().Be("fixture-pair");
        parameters["models.first.initScale"].Should().Be("0.4");
        parameters["models.second.initScale"].Should().Be("0.3");
        parameters["optimizers.first.lr"].Should().Be("0.05");
        parameters["optimizers.second.lr"].Should().Be("0.02", "extends merges inside a role");
        parameters.Keys.Should().NotContain(k => k.StartsWith("model.", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_unknown_and_misplaced_roles_are_reported_with_their_paths()
    {
        using var workspace = new ExperimentWorkspace();
        var file = workspace.Write("exp.json", PairExperiment);

        var problems = Problems(workspace, file, "models.third={\"name\":\"fixture-linear\"}", "optimizers.second=null");

        problems.Select(p => p.JsonPath).Should().BeEquivalentTo("$.models.third", "$.optimizers.second");
        problems.Single(p => p.JsonPath == "$.models.third").Message.Should().Contain("has no model role 'third'").And.Contain("'first', 'second'");
        problems.Single(p => p.JsonPath == "$.optimizers.second").Message.Should().Contain("needs an optimizer for the role 'second'");
    }

    [Fact]
    public void A_single_section_for_a_task_with_several_roles_says_how_to_write_them()
    {
        using var workspace = new ExperimentWorkspace();
        var file = workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment.Replace("\"dataset\"", "\"task\": \"fixture-pair\", \"dataset\"", StringComparison.Ordinal));

        var problems = Problems(workspace, file);

        problems.Select(p => p.JsonPath).Should().BeEquivalentTo("$.model", "$.optimizer");
        problems[0].Message.Should().Contain("\"models\": { \"first\"");
    }

    [Fact]
    public void A_loss_for_a_task_that_takes_none_is_refused()
    {
        using var workspace = new ExperimentWorkspace();
        var file = workspace.Write("exp.json", PairExperiment);

        var problems = Problems(workspace, file, "task={\"name\":\"fixture-pair\",\"withLoss\":false}");

        problems.Should().ContainSingle().Which.JsonPath.Should().Be("$.loss");
    }

    [Fact]
    public void The_schema_offers_the_task_and_by_role_sections()
    {
        using var workspace = new ExperimentWorkspace();
        var discovered = PluginDiscovery.Discover([new PluginFolder(workspace.PluginsPath, "--plugins", true)]);
        var catalog = new ServiceCollection().AddCruciblePlugins(discovered).BuildServiceProvider().GetRequiredService<PluginCatalog>();

        var schema = JsonSerializer.SerializeToElement(ExperimentSchema.Generate(catalog));

        var properties = schema.GetProperty("properties");
        properties.GetProperty("task").GetProperty("$ref").GetString().Should().Be("#/$defs/task");
        properties.GetProperty("models").GetProperty("additionalProperties").GetProperty("$ref").GetString().Should().Be("#/$defs/model");
        properties.GetProperty("optimizers").GetProperty("additionalProperties").GetProperty("$ref").GetString().Should().Be("#/$defs/optimizer");
        schema.GetProperty("$defs").GetProperty("task").ToString().Should().Contain("fixture-pair");
    }
}
