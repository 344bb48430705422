using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using Crucible.Host.Distributed;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible run FILE --nproc N</c>: checks the experiment once, then starts N workers of the same
/// command (without <c>--nproc</c>, with <c>training.strategy=ddp</c> and the machine's cores divided
/// between them) and supervises them (<see cref="LocalWorkers"/>).
/// </summary>
internal static class LaunchWorkers
{
    public static async Task<int> RunAsync(CliSession session, ParseResult parse, Option<int?> nproc, string? path, IReadOnlyList<string> overrides, bool explicitThreads)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parse);
        var processes = parse.GetValue(nproc) ?? 1;
        if (processes < 2)
        {
            await session.Error.WriteLineAsync($"error: --nproc {processes}: data-parallel training needs 2 or more processes (one process trains without --nproc).").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (DistributedEnvironment.FromProcess() is { } outer)
        {
            await session.Error.WriteLineAsync($"error: --nproc inside a group that {outer.Launcher} started (WORLD_SIZE or SLURM_* is set): let that launcher start the processes, without --nproc.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var arguments = WorkerArguments(parse, nproc);
        var experiment = path is null ? null : session.LoadExperiment(path, overrides);
        if (path is not null && experiment is null)
        {
            return ExitCodes.BadInput;
        }

        if (experiment?.Training.Strategy != "ddp")
        {
            arguments.AddRange(["--set", "training.strategy=ddp"]);
        }

        if (!explicitThreads && experiment?.Training.Threads is null)
        {
            var perWorker = Math.Max(1, Environment.ProcessorCount / processes);
            arguments.AddRange(["--threads", perWorker.ToString(CultureInfo.InvariantCulture)]);
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            // The workers stop and record; this process waits for them.
            context.Cancel = true;
            stop.Cancel();
        }

        return await new LocalWorkers(processes, session.Error).RunAsync(arguments, stop.Token).ConfigureAwait(false);
    }

    /// <summary>This command line as the workers get it: every token but <c>--nproc</c> and its value.</summary>
    private static List<string> WorkerArguments(ParseResult parse, Option<int?> nproc)
    {
        var arguments = new List<string>();
        var skipValue = false;
        foreach (var token in parse.Tokens)
        {
            if (skipValue)
            {
                skipValue = false;
                if (token.Type == TokenType.Argument)
                {
                    continue;
                }
            }

            if (token.Type == TokenType.Option && (token.Value == nproc.Name || nproc.Aliases.Contains(token.Value)))
            {
                skipValue = true;
                continue;
            }

            arguments.Add(token.Value);
        }

        return arguments;
    }
}
