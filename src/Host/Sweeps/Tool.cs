using System.Diagnostics;
using System.Text;

namespace Crucible.Host.Sweeps;

/// <summary>Runs a command-line tool (sbatch, squeue, scancel) and collects its output.</summary>
internal static class Tool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new SweepLaunchException($"{program} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            return (process.ExitCode, new StringBuilder(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SweepLaunchException($"{program} is not installed or not on PATH ({e.Message}); the slurm launcher needs Slurm's client commands.");
        }
    }
}
