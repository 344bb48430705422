using System.Diagnostics;

namespace Crucible.Integration.Tests.Slurm;

/// <summary>
/// A single-node Slurm cluster (munged, slurmctld, slurmd on localhost) in a temp folder, started by
/// <c>scripts/slurm-local.sh</c> and stopped on dispose. Clients reach it through <see cref="ConfigFile"/>
/// (<c>SLURM_CONF</c>). Any test that needs Slurm (sweeps, <c>srun -n 2</c>) starts one.
/// </summary>
public sealed class LocalSlurm : IDisposable
{
    private LocalSlurm(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, "slurm.conf");

    public static string Script => Path.Combine(Cli.RepositoryRoot, "scripts", "slurm-local.sh");

    /// <summary>Starts the daemons and waits until the node is idle; throws with the script's output when they do not start.</summary>
    public static LocalSlurm Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "crucible-slurm-" + Guid.NewGuid().ToString("N")[..10]);
        var (code, output) = RunScript("start", directory);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Script} start failed (exit {code}):\n{output}");
        }

        return new LocalSlurm(directory);
    }

    /// <summary>Why Slurm cannot run on this machine (for a visible skip), or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Slurm tests need Linux.";
        }

        if (Environment.UserName != "root")
        {
            return "Slurm tests need root: munged and slurmd run as root (scripts/setup.sh installs Slurm).";
        }

        foreach (var daemon in new[] { "munged", "slurmctld", "slurmd" })
        {
            if (!File.Exists(Path.Combine("/usr/sbin", daemon)))
            {
                return $"/usr/sbin/{daemon} is missing: scripts/setup.sh installs munge, slurmctld, slurmd and slurm-client.";
            }
        }

        return null;
    }

    public void Dispose()
    {
        RunScript("stop", Directory);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A daemon's last log line may still be flushing; the temp folder is cleaned later.
        }
    }

    private static (int Code, string Output) RunScript(string command, string directory)
    {
        var info = new ProcessStartInfo("bash", [Script, command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
