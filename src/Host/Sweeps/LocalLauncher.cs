using System.Diagnostics;
using System.Globalization;

namespace Crucible.Host.Sweeps;

/// <summary>
/// Runs trials as child processes on this machine, <see cref="Parallelism"/> at a time. Each child's
/// output goes to its log file; Ctrl+C sends SIGTERM to the running children, which end their runs KILLED.
/// </summary>
internal sealed class LocalLauncher(int jobs, TextWriter output) : ITrialLauncher
{
    public int Parallelism { get; } = Math.Max(1, jobs);

    public async Task<IReadOnlyList<int?>> RunAsync(IReadOnlyList<TrialLaunch> trials, string logDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var codes = new int?[trials.Count];
        using var slots = new SemaphoreSlim(Parallelism);
        var tasks = trials.Select(async (trial, i) =>
        {
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                codes[i] = await RunOneAsync(trial, Path.Combine(logDirectory, trial.LogName), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return codes;
    }

    private async Task<int?> RunOneAsync(TrialLaunch trial, string logPath, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var (program, prefix) = CrucibleProcess.Self();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Concat(trial.Arguments))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["CRUCIBLE_NO_PROGRESS"] = "1";
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        await using (log.ConfigureAwait(false))
        {
            var gate = new object();
            void Write(string? line)
            {
                if (line is not null)
                {
                    lock (gate)
                    {
                        log.WriteLine(line);
                    }
                }
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            lock (output)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial.Index} started (pid {process.Id}): {trial.Assignment}"));
            }

            using (cancellationToken.Register(() => Terminate(process)))
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return process.ExitCode;
        }
    }

    /// <summary>SIGTERM, as Ctrl+C: the child stops after its batch and ends its run KILLED.</summary>
    private static void Terminate(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
