using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Sweeps;

namespace Crucible.Host.Tests.Sweeps;

public sealed class SweepDefinitionTests
{
    [Fact]
    public void The_file_section_is_read_and_the_command_line_wins()
    {
        var section = JsonNode.Parse("""
            { "strategy": "random", "trials": 8, "seed": 5, "objective": "val_accuracy",
              "params": { "optimizer.lr": "tag(log, interval(1e-3, 1))", "model.hidden": [[4], [8]], "training.epochs": 3 } }
            """);
        var problems = new List<ConfigProblem>();
        var definition = SweepDefinition.Read(section, "exp.json", new SweepCommandLine { Trials = 12, Sweeps = ["model.hidden=[16],[32]"] }, problems);

        problems.Should().BeEmpty();
        definition!.Strategy.Should().Be(SweepStrategyKind.Random);
        (definition.Trials, definition.Seed, definition.Objective, definition.Direction).Should().Be((12, 5, "val_accuracy", MonitorMode.Max));
        definition.Parameters.Select(p => p.Key).Should().Equal("optimizer.lr", "training.epochs", "model.hidden");
        definition.ToParams().Should().Contain(new KeyValuePair<string, string>("sweep.params.model.hidden", "[16],[32]"))
            .And.Contain(new KeyValuePair<string, string>("sweep.params.optimizer.lr", "tag(log, interval(1e-3, 1))"))
            .And.Contain(new KeyValuePair<string, string>("sweep.mode", "max"));
    }

    [Fact]
    public void Problems_name_the_file_and_json_path()
    {
        var section = JsonNode.Parse("""{ "strategy": "bayes", "trails": 3, "params": { "optimizer.lr": "interval(1)" } }""");
        var problems = new List<ConfigProblem>();
        SweepDefinition.Read(section, "exp.json", new SweepCommandLine { Sweeps = ["oops"] }, problems).Should().BeNull();

        problems.Select(p => p.ToString()).Should().SatisfyRespectively(
            p => p.Should().StartWith("exp.json: $.sweep.strategy: unknown strategy 'bayes'; strategies are grid, random and tpe."),
            p => p.Should().StartWith("exp.json: $.sweep.trails: unknown sweep setting 'trails'."),
            p => p.Should().StartWith("exp.json: $.sweep.params['optimizer.lr']: optimizer.lr=interval(1): interval(low, high) needs two numbers"),
            p => p.Should().StartWith("--sweep oops: $: 'oops' must look like key.path=values"));
    }

    [Fact]
    public void Nothing_to_sweep_is_a_problem()
    {
        var problems = new List<ConfigProblem>();
        SweepDefinition.Read(null, "exp.json", new SweepCommandLine(), problems).Should().BeNull();
        problems.Should().ContainSingle().Which.Message.Should().Contain("nothing to sweep");
    }
}
