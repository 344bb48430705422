using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Crucible.Host.Sweeps;

/// <summary>
/// Runs trials as one Slurm job array: <c>sbatch --array=0-(n-1)%jobs</c>, one trial per task, the
/// task's output in its own log; the job's state is polled with <c>squeue</c> and printed when it
/// changes; Ctrl+C cancels the job with <c>scancel</c> (Slurm sends the running trials SIGTERM, so
/// their runs end KILLED). The log folder must be visible to the compute nodes (a shared file system).
/// </summary>
internal sealed class SlurmLauncher(int jobs, SlurmOptions options, TextWriter output) : ITrialLauncher
{
    public int Parallelism { get; } = Math.Max(1, jobs);

    public async Task<IReadOnlyList<int?>> RunAsync(IReadOnlyList<TrialLaunch> trials, string logDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var codes = new int?[trials.Count];
        if (trials.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return codes;
        }

        var script = Path.Combine(logDirectory, $"array-{trials[0].Index}.sh");
        await File.WriteAllTextAsync(script, Script(trials, logDirectory), CancellationToken.None).ConfigureAwait(false);
        var submit = await Tool.RunAsync("sbatch", ["--parsable", script]).ConfigureAwait(false);
        if (submit.ExitCode != 0)
        {
            throw new SweepLaunchException($"sbatch failed (exit {submit.ExitCode}): {submit.Output.Trim()}");
        }

        var jobId = submit.Output.Trim().Split(';')[0];
        lock (output)
        {
            output.WriteLine($"slurm: submitted job array {jobId} ({trials.Count} trials, at most {Parallelism} at once); logs in {logDirectory}");
        }

        var cancelled = false;
        string? lastState = null;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                var cancel = await Tool.RunAsync("scancel", [jobId]).ConfigureAwait(false);
                lock (output)
                {
                    output.WriteLine($"slurm: scancel {jobId}: {(cancel.ExitCode == 0 ? "cancelled" : cancel.Output.Trim())}");
                }
            }

            var queue = await Tool.RunAsync("squeue", ["-h", "-r", "-j", jobId, "-o", "%i %T"]).ConfigureAwait(false);
            var states = queue.ExitCode == 0
                ? queue.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[^1]).ToList()
                : [];
            if (queue.ExitCode != 0 && !queue.Output.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            {
                throw new SweepLaunchException($"squeue failed (exit {queue.ExitCode}): {queue.Output.Trim()}");
            }

            var done = Enumerable.Range(0, trials.Count).Count(i => File.Exists(ExitFile(logDirectory, trials[i])));
            var state = string.Join(", ", states.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"));
            state = string.Create(CultureInfo.InvariantCulture, $"{(state.Length == 0 ? "none queued" : state)}; {done}/{trials.Count} done");
            if (state != lastState)
            {
                lastState = state;
                lock (output)
                {
                    output.WriteLine($"slurm: job {jobId}: {state}");
                }
            }

            if (states.Count == 0)
            {
                break;
            }

            try
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Next round cancels the job and keeps polling until Slurm has stopped every task.
            }
        }

        for (var i = 0; i < trials.Count; i++)
        {
            var file = ExitFile(logDirectory, trials[i]);
            codes[i] = File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
                ? code
                : cancelled ? null : -1;
        }

        return codes;
    }

    private static string ExitFile(string logDirectory, TrialLaunch trial) => Path.Combine(logDirectory, $"trial-{trial.Index}.exit");

    private string Script(IReadOnlyList<TrialLaunch> trials, string logDirectory)
    {
        var (program, prefix) = CrucibleProcess.Self();
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine("#SBATCH --job-name=crucible-sweep");
        text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{trials.Count - 1}%{Parallelism}");
        text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(logDirectory, "task-%a.log")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --chdir={Environment.CurrentDirectory}");
        void Directive(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --{name}={value}");
            }
        }

        Directive("account", options.Account);
        Directive("partition", options.Partition);
        Directive("time", options.Time);
        Directive("cpus-per-task", options.CpusPerTask?.ToString(CultureInfo.InvariantCulture));
        Directive("mem", options.Memory);
        Directive("gres", options.Gres);
        foreach (var extra in options.ExtraArguments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH {extra}");
        }

        text.AppendLine("export CRUCIBLE_NO_PROGRESS=1");
        text.AppendLine("case \"$SLURM_ARRAY_TASK_ID\" in");
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = trials[i];
            var command = string.Join(' ', new[] { program }.Concat(prefix).Concat(trial.Arguments).Select(Quote));
            var log = Quote(Path.Combine(logDirectory, trial.LogName));
            var exit = Quote(ExitFile(logDirectory, trial));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {i}) {command} > {log} 2>&1; echo $? > {exit} ;;");
        }

        text.AppendLine("esac");
        return text.ToString();
    }

    /// <summary>A single-quoted shell word.</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
