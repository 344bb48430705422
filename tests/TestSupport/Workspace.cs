namespace Crucible.TestSupport;

/// <summary>A temporary working directory for one CLI run; its <c>./mlruns</c> is the tracking store.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "crucible-it-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Root);

        // The host's good fixture plugin (a loss, an optimizer, a metric) in ./plugins, which the CLI
        // scans, beside the built-in plugins.
        var source = Path.Combine(Cli.FixturePlugins, TempPluginFolder.Good);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, "plugins", TempPluginFolder.Good, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string MlRuns => Path.Combine(Root, "mlruns");

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the workspace and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(Root, args);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp folder is cleaned later.
        }
    }
}
