using System.CommandLine;
using System.Reflection;
using Crucible.Torch;

namespace Crucible.Host.Cli;

/// <summary>The <c>crucible</c> command line: parses arguments, runs a command, returns its exit code.</summary>
internal static class CrucibleCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--version", ..] or ["version", ..])
        {
            await output.WriteLineAsync(VersionText()).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var options = new CliOptions(output, error);
        var root = new RootCommand("Crucible: run plugin-based deep-learning experiments on libtorch and record them in MLflow.")
        {
            options.Plugins,
            options.LogFile,
            options.Verbose,
            options.Quiet,
            RunCommand.Create(options),
            ValidateCommand.Create(options),
            PluginsCommand.Create(options),
            SchemaCommand.Create(options),
            SweepCommand.Create(options),
            CompareCommand.Create(options),
            ExportCommand.Create(options),
            SyncCommand.Create(options),
            PredictCommand.Create(options),
            RegisterCommand.Create(options),
            ReproduceCommand.Create(options),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("See 'crucible --help'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (parse.GetValue(options.Quiet) && parse.GetValue(options.Verbose))
        {
            await error.WriteLineAsync("error: --quiet and --verbose contradict each other; give one of them.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // The trainer handles Ctrl+C and SIGTERM itself (stop after the batch, checkpoint, end KILLED).
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static string VersionText()
    {
        var version = typeof(CrucibleCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CrucibleCli).Assembly.GetName().Version?.ToString();
        return $"crucible {version} (libtorch {torch.Version}, .NET {Environment.Version})";
    }
}
