using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crucible.Host.Cli;

/// <summary>
/// What one command invocation works with: its output streams and, on demand, the generic host
/// with the plugins discovered from the folders the command line and environment name.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private IHost? host;

    public CliSession(TextWriter output, TextWriter error, IReadOnlyList<string> pluginFolders, string? logFile, bool verbose, bool quiet = false)
    {
        Output = output;
        Error = error;
        Folders = PluginFolder.Resolve(
            AppContext.BaseDirectory,
            PluginInstaller.UserFolder(),
            Environment.CurrentDirectory,
            pluginFolders,
            Environment.GetEnvironmentVariable(PluginFolder.EnvironmentVariable));
        LogFile = logFile;
        Verbose = verbose;
        Quiet = quiet;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IReadOnlyList<PluginFolder> Folders { get; }

    public string? LogFile { get; }

    public bool Verbose { get; }

    /// <summary><c>--quiet</c>: warnings and errors only on the console.</summary>
    public bool Quiet { get; }

    public IServiceProvider Services => (host ??= CrucibleHostBuilder.Build(Folders, LogFile, Verbose)).Services;

    public PluginCatalog Catalog => Services.GetRequiredService<PluginCatalog>();

    /// <summary>
    /// Reports skipped plugins as warnings; returns false (after reporting) when a folder the user
    /// named does not exist, which is bad input.
    /// </summary>
    public bool CheckPlugins(bool warnAboutSkipped = true)
    {
        var catalog = Catalog;
        if (warnAboutSkipped)
        {
            foreach (var problem in catalog.Problems)
            {
                Error.WriteLine($"warning: plugin skipped: {problem}");
            }
        }

        foreach (var missing in catalog.MissingFolders)
        {
            Error.WriteLine($"error: the plugin folder '{missing.Path}' (from {missing.Origin}) does not exist.");
        }

        return catalog.MissingFolders.Count == 0;
    }

    /// <summary>Loads and validates an experiment; on problems prints one line each and returns null.</summary>
    public Experiment? LoadExperiment(string file, IReadOnlyList<string> overrides)
    {
        try
        {
            return Services.GetRequiredService<ExperimentLoader>().Load(
                file,
                overrides,
                Environment.CurrentDirectory,
                Environment.GetEnvironmentVariable(PathResolution.DataRootVariable));
        }
        catch (ExperimentConfigException e)
        {
            ProblemReport.Refuse(Error, e.Problems.Count > 0 ? e.Problems : [new ConfigProblem(file, JsonPaths.Root, e.Message)]);
            return null;
        }
    }

    public void Dispose() => host?.Dispose();
}
