using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Crucible.Integration.Tests;

/// <summary>
/// Nothing an experiment file names may read from something that is not a data file, or write
/// outside the run's places: every <c>[DataPath]</c> option of every built-in plugin (found through
/// <c>crucible schema</c>, so a new one is covered without touching this test) and every file-name option.
/// </summary>
public sealed class DataPathSafetyTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    public static TheoryData<string> BadKinds => new() { "folder", "fifo", "device" };

    [Theory]
    [MemberData(nameof(BadKinds))]
    public async Task Every_data_path_option_refuses_what_is_not_a_regular_file_with_exit_2_naming_the_option(string kind)
    {
        var options = await DataPathOptionsAsync();
        options.Should().Contain(["csv.path", "csv.validationPath", "csv.testPath", "csv.targetPath", "sequence.path", "text.paths", "idx.directory"]);

        foreach (var plugin in options.GroupBy(o => o.Split('.')[0]))
        {
            var dataset = new JsonObject { ["name"] = plugin.Key };
            foreach (var option in plugin.Select(o => o.Split('.')[1]))
            {
                var isFolderOption = option == "directory";
                var bad = kind switch
                {
                    "folder" when isFolderOption => workspace.Write("plain-file", "x"),
                    "folder" => System.IO.Directory.CreateDirectory(Path.Combine(workspace.Root, "a-folder")).FullName,
                    "fifo" => MakeFifo(Path.Combine(workspace.Root, "a-fifo")),
                    _ => "/dev/zero",
                };
                dataset[option] = option == "paths" ? new JsonArray(bad) : bad;
            }

            var experiment = TinyExperiment.Classification();
            experiment["dataset"] = dataset;
            var file = TinyExperiment.WriteTo(workspace, experiment);

            foreach (var command in new[] { "validate", "run" })
            {
                var result = await workspace.RunAsync(command, file);

                result.ExitCode.Should().Be(2, result.ToString());
                foreach (var option in plugin.Select(o => o.Split('.')[1]))
                {
                    result.StandardError.Should().Contain($"$.dataset.{option}", $"{plugin.Key}.{option} set to a {kind} must be named")
                        .And.MatchRegex(kind switch { "folder" => "is a (folder|file)", "fifo" => "is a FIFO", _ => "is a device" });
                }
            }

            System.IO.Directory.Exists(workspace.MlRuns).Should().BeFalse("nothing may be recorded");
        }
    }

    [Fact]
    public async Task An_idx_file_name_that_is_a_path_cannot_replace_a_file_outside_the_cache()
    {
        // The attack from the issue: an absolute trainImages with a matching sha256 and a downloadUrl.
        var victim = workspace.Write("victim.txt", "precious");
        var payload = "replaced"u8.ToArray();
        var experiment = TinyExperiment.Classification();
        experiment["dataset"] = new JsonObject
        {
            ["name"] = "idx",
            ["downloadUrl"] = "http://127.0.0.1:9/data/",
            ["trainImages"] = victim,
            ["trainLabels"] = "../../../victim-labels",
            ["sha256"] = new JsonObject { [victim] = Convert.ToHexStringLower(SHA256.HashData(payload)) },
        };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        foreach (var command in new[] { "validate", "run" })
        {
            var result = await workspace.RunAsync(command, file);

            result.ExitCode.Should().Be(2, result.ToString());
            result.StandardError.Should().Contain("$.dataset.trainImages").And.Contain("$.dataset.trainLabels").And.Contain("must be a file name");
        }

        File.ReadAllText(victim).Should().Be("precious");
        System.IO.Directory.Exists(workspace.MlRuns).Should().BeFalse();
        System.IO.Directory.Exists(Path.Combine(workspace.Root, ".cache")).Should().BeFalse("nothing was downloaded");
    }

    [Fact]
    public async Task An_idx_dataset_name_cannot_lead_the_download_cache_elsewhere()
    {
        var experiment = TinyExperiment.Classification();
        experiment["dataset"] = new JsonObject { ["name"] = "idx", ["downloadUrl"] = "http://127.0.0.1:9/data/", ["datasetName"] = "../../escaped" };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        var result = await workspace.RunAsync("validate", file);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("$.dataset.datasetName").And.Contain("plain name");
    }

    [Fact]
    public async Task An_idx_directory_that_does_not_exist_is_refused_by_validate_and_run()
    {
        var experiment = TinyExperiment.Classification();
        experiment["dataset"] = new JsonObject { ["name"] = "idx", ["directory"] = Path.Combine(workspace.Root, "no-such-folder") };
        var file = TinyExperiment.WriteTo(workspace, experiment);

        foreach (var command in new[] { "validate", "run" })
        {
            var result = await workspace.RunAsync(command, file);

            result.ExitCode.Should().Be(2, result.ToString());
            result.StandardError.Should().Contain("$.dataset.directory").And.Contain("not found");
        }

        System.IO.Directory.Exists(workspace.MlRuns).Should().BeFalse();
    }

    /// <summary>Every option the schema marks as a data path, as <c>plugin.option</c>.</summary>
    private async Task<List<string>> DataPathOptionsAsync()
    {
        var schema = await workspace.RunAsync("schema");
        schema.ExitCode.Should().Be(0, schema.ToString());
        var found = new List<string>();
        foreach (var (_, section) in JsonNode.Parse(schema.StandardOutput)!["$defs"]!.AsObject())
        {
            foreach (var alternative in section?["anyOf"]?.AsArray() ?? [])
            {
                var plugin = alternative?["properties"]?["name"]?["const"]?.GetValue<string>();
                foreach (var (option, property) in alternative?["properties"]?.AsObject() ?? [])
                {
                    var format = property?["format"]?.GetValue<string>() ?? property?["items"]?["format"]?.GetValue<string>();
                    if (plugin is not null && format == "path")
                    {
                        found.Add($"{plugin}.{option}");
                    }
                }
            }
        }

        return found.Distinct().ToList();
    }

    private static string MakeFifo(string path)
    {
        if (!File.Exists(path))
        {
            using var mkfifo = Process.Start("mkfifo", [path]);
            mkfifo.WaitForExit();
            mkfifo.ExitCode.Should().Be(0);
        }

        return path;
    }
}
