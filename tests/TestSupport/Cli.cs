using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Crucible.TestSupport;

/// <summary>Runs the real <c>crucible</c> CLI as a child process (<c>dotnet crucible.dll ...</c>).</summary>
public static partial class Cli
{
    /// <summary>
    /// A safety net against a hung process, not a time limit: every wait ends when the process exits
    /// (or its output appears). Integration tests train real models in parallel test assemblies, and a
    /// loaded 2-core machine took over 3 minutes for some (mnist-gan on two ranks, the MNIST
    /// predict/serve checks). Tests wait with it rather than with timeouts of their own.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static string HostDll { get; } = Metadata("CrucibleHostDll");

    public static string RepositoryRoot { get; } = Metadata("CrucibleRoot");

    public static string FixturePlugins { get; } = Metadata("CrucibleFixturePlugins");

    /// <summary>Runs <c>crucible args</c> in <paramref name="workingDirectory"/> and waits for it to exit.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync(DefaultTimeout);
    }

    /// <summary>Runs <c>crucible args</c> with extra <paramref name="environment"/> variables and waits for it to exit.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        return await process.WaitAsync(DefaultTimeout);
    }

    /// <summary>Starts <c>crucible args</c>; the caller waits for output, signals and waits for exit.</summary>
    public static CliProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts <c>crucible args</c> with extra <paramref name="environment"/> variables.</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(workingDirectory, environment, sigintDefault: false, args);

    /// <summary>
    /// Starts <c>crucible args</c> as an interactive shell starts a command, with SIGINT at its default
    /// disposition, so that <see cref="CliProcess.CtrlC"/> reaches it: a shell without job control (a CI
    /// job run in the background) starts commands with SIGINT ignored, children inherit that, and .NET
    /// then never sees SIGINT. coreutils' <c>env --default-signal=INT</c> resets it before it runs dotnet
    /// (in the same process, so the process id is the CLI's).
    /// </summary>
    public static CliProcess StartForCtrlC(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string>(), sigintDefault: true, args);

    private static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, bool sigintDefault, string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(HostDll))
        {
            throw new FileNotFoundException($"The CLI was not built at {HostDll}: build src/Host (Release) before running these tests.", HostDll);
        }

        var info = new ProcessStartInfo(sigintDefault ? "env" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (sigintDefault)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(HostDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Runs go to ./mlruns of the working directory, whatever the developer's shell says.
        info.Environment.Remove("MLFLOW_TRACKING_URI");
        info.Environment.Remove("MLFLOW_EXPERIMENT_NAME");
        info.Environment.Remove("CRUCIBLE_PLUGINS");
        info.Environment["CRUCIBLE_CACHE"] = Path.Combine(workingDirectory, ".cache");
        info.Environment["CRUCIBLE_OUTBOX"] = Path.Combine(workingDirectory, ".outbox");
        // The user plugin folder (`crucible plugins install`) is the workspace's, never the developer's.
        info.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, ".data");
        info.Environment["CRUCIBLE_NO_PROGRESS"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    private static string Metadata(string key) =>
        typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    /// <summary>A running CLI process whose output is collected as it arrives.</summary>
    public sealed partial class CliProcess : IDisposable
    {
        private const int SigInt = 2;
        private const int SigTerm = 15;
        private const int SigKill = 9;
        private readonly Process process;
        private readonly StringBuilder stdout = new();
        private readonly StringBuilder stderr = new();
        private readonly object gate = new();

        internal CliProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Whether the process has ended.</summary>
        public bool HasExited => process.HasExited;

        /// <summary>Everything the process wrote to stdout so far.</summary>
        public string StandardOutput
        {
            get
            {
                lock (gate)
                {
                    return stdout.ToString();
                }
            }
        }

        /// <summary>Waits for <paramref name="text"/> in the output, with the harness's safety net as the only timeout.</summary>
        public Task<bool> WaitForOutputAsync(string text) => WaitForOutputAsync(text, DefaultTimeout);

        /// <summary>Waits until the output so far contains <paramref name="text"/>; false if the process exits first or <paramref name="timeout"/> passes.</summary>
        public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (gate)
                {
                    if (stdout.ToString().Contains(text, StringComparison.Ordinal) || stderr.ToString().Contains(text, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                if (process.HasExited)
                {
                    return false;
                }

                await Task.Delay(5);
            }

            return false;
        }

        /// <summary>
        /// Asks the run to stop as Ctrl+C does, with SIGTERM (the runner treats SIGINT and SIGTERM alike).
        /// Not SIGINT: a shell without job control starts background commands with SIGINT ignored,
        /// children inherit that, and .NET then never sees SIGINT, so a CI job run in the background
        /// would fail this test for a reason that is not the runner's.
        /// </summary>
        public void Interrupt() => Signal(SigTerm);

        /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends; start the process with <see cref="StartForCtrlC"/>.</summary>
        public void CtrlC() => Signal(SigInt);

        /// <summary>Sends SIGKILL: the process dies without any chance to clean up.</summary>
        public void KillHard() => Signal(SigKill);

        private void Signal(int signal)
        {
            if (Kill(process.Id, signal) != 0)
            {
                throw new InvalidOperationException($"kill({signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }

        /// <summary>Waits for the process to exit, with the harness's safety net as the only timeout.</summary>
        public Task<CliResult> WaitAsync() => WaitAsync(DefaultTimeout);

        /// <summary>Waits for the process to exit; kills it and throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
        public async Task<CliResult> WaitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"crucible did not exit within {timeout}.\n{Snapshot()}");
            }

            // The parameterless wait drains the redirected streams.
            await process.WaitForExitAsync();
            lock (gate)
            {
                return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        private string Snapshot()
        {
            lock (gate)
            {
                return $"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}";
            }
        }

        private void Append(StringBuilder target, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                target.AppendLine(line);
            }
        }

        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static partial int Kill(int pid, int signal);
    }
}
