using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Crucible.Host.Sweeps;

namespace Crucible.Host.Distributed;

/// <summary>
/// <c>crucible run --nproc N</c>: starts N worker processes of this program on this machine with
/// torchrun's environment (<c>RANK</c>, <c>WORLD_SIZE</c>, <c>LOCAL_RANK</c>, <c>MASTER_ADDR</c>,
/// <c>MASTER_PORT</c>) and supervises them, as torchrun does. Rank 0's output is the console's; the
/// other ranks print only errors, prefixed with their rank. When a rank exits with a failure, the
/// others are stopped (SIGTERM) and the message names the rank: a dead rank never leaves the rest
/// hanging in a collective. Workers run in their own session (<c>setsid</c>), so a Ctrl+C reaches
/// this supervisor only, and it passes exactly one SIGTERM to each worker.
/// </summary>
internal sealed class LocalWorkers(int count, TextWriter error)
{
    /// <summary>Runs the workers to the end; returns the exit code of the group (the first failure's, else 0).</summary>
    /// <param name="arguments">The worker's command line after the program (the parent's, without <c>--nproc</c>).</param>
    /// <param name="cancellationToken">Ctrl+C or SIGTERM of the parent: passed on to every worker as SIGTERM.</param>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var port = FreePort();
        var workers = new List<Process>();
        var gate = new object();
        int? failedRank = null;
        var failedCode = 0;
        try
        {
            for (var rank = 0; rank < count; rank++)
            {
                workers.Add(Start(rank, port, arguments, gate));
            }

            using var stop = cancellationToken.Register(() => TerminateAll(workers));
            var waits = workers.Select((w, rank) => WaitAsync(w, rank)).ToList();
            while (waits.Count > 0)
            {
                var done = await Task.WhenAny(waits).ConfigureAwait(false);
                waits.Remove(done);
                var (rank, code) = await done.ConfigureAwait(false);
                if (code == 0 || failedRank is not null)
                {
                    continue;
                }

                failedRank = rank;
                failedCode = code;
                if (!cancellationToken.IsCancellationRequested && waits.Count > 0)
                {
                    lock (gate)
                    {
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"error: rank {rank} of {count} exited with code {code}{Describe(code)}; stopping the other ranks."));
                    }

                    TerminateAll(workers);
                }
            }

            return failedRank is null ? 0 : failedCode;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private Process Start(int rank, int port, IReadOnlyList<string> arguments, object gate)
    {
        var (program, prefix) = CrucibleProcess.Self();
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = rank != 0,
            RedirectStandardError = rank != 0,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Prepend(program).Concat(arguments))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["RANK"] = rank.ToString(CultureInfo.InvariantCulture);
        info.Environment["LOCAL_RANK"] = rank.ToString(CultureInfo.InvariantCulture);
        info.Environment["WORLD_SIZE"] = count.ToString(CultureInfo.InvariantCulture);
        info.Environment["MASTER_ADDR"] = "127.0.0.1";
        info.Environment["MASTER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        if (rank != 0)
        {
            info.Environment["CRUCIBLE_NO_PROGRESS"] = "1";
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        if (rank != 0)
        {
            // Rank 0 speaks for the group; the others' output is kept only when it is an error.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    lock (gate)
                    {
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[rank {rank}] {line}"));
                    }
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    private static string Describe(int code) => code switch
    {
        137 => " (killed: SIGKILL, out of memory?)",
        143 => " (SIGTERM)",
        139 => " (segmentation fault)",
        134 => " (aborted)",
        2 => " (bad input)",
        _ => string.Empty,
    };

    private static async Task<(int Rank, int Code)> WaitAsync(Process process, int rank)
    {
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return (rank, process.ExitCode);
    }

    /// <summary>SIGTERM to every worker still running: each stops after its step, as on Ctrl+C.</summary>
    private static void TerminateAll(IEnumerable<Process> workers)
    {
        foreach (var worker in workers)
        {
            try
            {
                if (!worker.HasExited)
                {
                    Signals.Terminate(worker.Id);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }
    }

    /// <summary>A port free on loopback now, for the rendezvous store rank 0 opens (torchrun does the same).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
