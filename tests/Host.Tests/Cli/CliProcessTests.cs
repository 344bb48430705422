using System.Text.Json;
using Crucible.Host.Tests.Support;

namespace Crucible.Host.Tests.Cli;

/// <summary>The real <c>crucible</c> executable, run as a process in a workspace with dropped-in fixture plugins.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Validate_accepts_an_experiment_using_a_dropped_in_plugin()
    {
        using var workspace = new ExperimentWorkspace();
        workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment);

        var (code, output, error) = await workspace.RunProcessAsync("validate", "exp.json");

        code.Should().Be(0, error);
        output.Should().Contain("exp.json: valid (dataset fixture-table; model fixture-linear; loss fixture-mse; optimizer fixture-sgd; metrics fixture-mae).");
    }

    [Theory]
    [InlineData("\"lr\": 0.05", "\"lr\": -1", "exp.json: $.optimizer.lr: must be greater than 0")]
    [InlineData("\"fixture-linear\"", "\"fixture-lineer\"", "exp.json: $.model.name: unknown model 'fixture-lineer'. Did you mean 'fixture-linear'?")]
    [InlineData("\"data.csv\"", "\"absent.csv\"", "exp.json: $.dataset.path: data file 'absent.csv' not found")]
    public async Task Run_with_bad_input_exits_2_and_records_nothing(string from, string to, string expected)
    {
        using var workspace = new ExperimentWorkspace();
        workspace.Write("exp.json", ExperimentWorkspace.GoodExperiment.Replace(from, to, StringComparison.Ordinal));

        var (code, _, error) = await workspace.RunProcessAsync("run", "exp.json");

        code.Should().Be(2, error);
        error.Should().Contain($"error: {expected}").And.Contain("1 problem; nothing was run or recorded.");
        Directory.Exists(workspace.MlrunsPath).Should().BeFalse();
    }

    [Fact]
    public async Task Plugins_lists_options_and_reports_broken_plugins_while_the_rest_works()
    {
        using var workspace = new ExperimentWorkspace(
            TempPluginFolder.Good, TempPluginFolder.MissingDependency, TempPluginFolder.Throwing);

        var (code, output, error) = await workspace.RunProcessAsync("plugins");

        code.Should().Be(0, error);
        output.Should().MatchRegex(@"fixture-sgd  \[optimizer\]  Crucible\.Fixtures\.Good 1\.2\.3")
            .And.MatchRegex(@"lr\s+a number\s+= 0\.1\s+The learning rate\. Defaults to 0\.1\.")
            .And.MatchRegex(@"scaling\s+one of none, maxAbs\s+= ""none""")
            .And.Contain("fixture-l1")
            .And.Contain("Skipped:")
            .And.Contain("missing dependency Crucible.Fixtures.Helper")
            .And.Contain("'fixture-throwing' could not be constructed: InvalidOperationException: fixture constructor failure");
    }

    [Fact]
    public async Task Missing_plugins_folder_is_bad_input()
    {
        using var workspace = new ExperimentWorkspace();

        var (code, _, error) = await workspace.RunProcessAsync("plugins", "--plugins", "no-such-folder");

        code.Should().Be(2);
        error.Should().Contain("the plugin folder").And.Contain("no-such-folder").And.Contain("does not exist");
    }

    [Fact]
    public async Task Unknown_command_is_bad_input_and_version_names_libtorch()
    {
        using var workspace = new ExperimentWorkspace();

        var (badCode, _, badError) = await workspace.RunProcessAsync("trian");
        badCode.Should().Be(2);
        badError.Should().Contain("trian");

        var (code, output, _) = await workspace.RunInProcessAsync("--version");
        code.Should().Be(0);
        output.Should().MatchRegex(@"^crucible 0\.1\.0.* \(libtorch [0-9.]+, \.NET [0-9.]+\)");
    }

    [Fact]
    public async Task Schema_includes_every_plugins_options_with_defaults_and_ranges()
    {
        using var workspace = new ExperimentWorkspace();

        var (code, output, error) = await workspace.RunInProcessAsync("schema");

        code.Should().Be(0, error);
        using var schema = JsonDocument.Parse(output);
        var root = schema.RootElement;
        root.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        var optimizers = root.GetProperty("$defs").GetProperty("optimizer").GetProperty("anyOf");
        optimizers[0].GetProperty("enum")[0].GetString().Should().Be("fixture-sgd");
        var lr = optimizers[1].GetProperty("properties").GetProperty("lr");
        lr.GetProperty("type").GetString().Should().Be("number");
        lr.GetProperty("default").GetDouble().Should().Be(0.1);
        lr.GetProperty("exclusiveMinimum").GetDouble().Should().Be(0);
        lr.GetProperty("maximum").GetDouble().Should().Be(10);
        lr.GetProperty("description").GetString().Should().Be("The learning rate. Defaults to 0.1.");
        optimizers[1].GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        var epochs = root.GetProperty("properties").GetProperty("training").GetProperty("properties").GetProperty("epochs");
        epochs.GetProperty("default").GetInt32().Should().Be(10);
        epochs.GetProperty("description").GetString().Should().Contain("Defaults to 10.");
    }
}
