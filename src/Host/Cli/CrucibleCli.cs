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
            if (!await NativeShimReadyAsync(error).ConfigureAwait(false))
            {
                return ExitCodes.BadInput;
            }

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
            LrFindCommand.Create(options),
            PluginsCommand.Create(options),
            SchemaCommand.Create(options),
            SweepCommand.Create(options),
            CompareCommand.Create(options),
            ExportCommand.Create(options),
            SyncCommand.Create(options),
            PredictCommand.Create(options),
            Serving.ServeCommand.Create(options),
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

        var needsTorch = parse.CommandResult.Command != root
            && parse.Action is not System.CommandLine.Help.HelpAction
            && parse.CommandResult.Command.Name != "install";
        if (needsTorch && !await NativeShimReadyAsync(error).ConfigureAwait(false))
        {
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

    /// <summary>
    /// Loads the libtorch shim before a command runs, so a missing one is said once, plainly, before
    /// anything is composed or recorded. The crucible tool builds it for the user's libtorch on first
    /// use (Crucible.Torch's NativeShim); what that needs and lacks (libtorch, cmake, a compiler) is the message.
    /// </summary>
    private static async Task<bool> NativeShimReadyAsync(TextWriter error)
    {
        try
        {
            _ = torch.Version;
            return true;
        }
        catch (DllNotFoundException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Nothing was run or recorded.").ConfigureAwait(false);
            return false;
        }
    }

    public static string VersionText()
    {
        var version = typeof(CrucibleCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CrucibleCli).Assembly.GetName().Version?.ToString();
        return $"crucible {version} (libtorch {torch.Version}, .NET {Environment.Version})";
    }
}
