using Crucible.Host.Cli;

namespace Crucible.Host.Tests.Support;

/// <summary>
/// A temporary folder holding experiment files, a small data file and a <c>plugins</c> folder with
/// the Good fixture plugin; runs the CLI in-process or as a real process with it as working directory.
/// </summary>
public sealed class ExperimentWorkspace : IDisposable
{
    public const string GoodExperiment = """
        {
          "$schema": "./crucible.schema.json",
          // comments and trailing commas are allowed
          "dataset": { "name": "fixture-table", "path": "data.csv" },
          "model": { "name": "fixture-linear", "initScale": 0.2, },
          "loss": "fixture-mse",
          "optimizer": { "name": "fixture-sgd", "lr": 0.05 },
          "metrics": ["fixture-mae"],
          "training": { "epochs": 3, "batchSize": 2, "device": "cpu" },
        }
        """;

    private readonly TempPluginFolder plugins;

    public ExperimentWorkspace(params string[] fixtures)
    {
        plugins = new TempPluginFolder(fixtures.Length == 0 ? [TempPluginFolder.Good] : fixtures);
        Path = Directory.CreateTempSubdirectory("crucible-exp-").FullName;
        Write("data.csv", "1,3\n2,5\n3,7\n4,9\n");
    }

    public string Path { get; }

    public string PluginsPath => plugins.Path;

    /// <summary>Where a run would be recorded: nothing may ever appear here for bad input.</summary>
    public string MlrunsPath => System.IO.Path.Combine(Path, "mlruns");

    public string Write(string name, string content)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Runs the CLI entry point in this process, with this workspace's plugins and tracking folder.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CrucibleCli.RunAsync([.. args, "--plugins", PluginsPath], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet crucible.dll args --plugins PLUGINS</c> as a process in this workspace.</summary>
    public Task<CliResult> RunProcessAsync(params string[] args) => TestSupport.Cli.RunAsync(Path, [.. args, "--plugins", PluginsPath]);

    public void Dispose()
    {
        plugins.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
