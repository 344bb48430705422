using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Sweeps;
using Crucible.Host.Training;
using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible sweep FILE</c>: runs many trials of an experiment (grid, random or TPE over the file's
/// <c>sweep</c> section and <c>--sweep</c> overrides) on local worker processes or a Slurm job array,
/// recorded as one parent MLflow run with a nested run per trial.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliOptions options)
    {
        var sweep = new Option<string[]>("--sweep")
        {
            Description = "Sweep a setting, in Hydra's override grammar: optimizer.lr=0.1,0.01 | range(1,5) | interval(0,1) | tag(log, interval(1e-4,1e-1)) (repeatable).",
            HelpName = "key=values",
        };
        var strategy = new Option<string>("--strategy") { Description = "grid, random or tpe (sweep.strategy; default grid)." };
        var trials = new Option<int?>("--trials") { Description = "Trials of a random or tpe sweep (sweep.trials; default 10)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random and tpe strategies (sweep.seed; default 0)." };
        var objective = new Option<string>("--objective") { Description = "The metric to optimize, its last value per trial (sweep.objective; default val_loss)." };
        var mode = new Option<string>("--mode") { Description = "min, max or auto (sweep.mode; default auto: max for accuracy-like names)." };
        var launcher = new Option<string>("--launcher") { Description = "local (worker processes on this machine) or slurm (a job array). Default local.", DefaultValueFactory = _ => "local" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Trials running at once (libtorch threads are divided between them). Default 1.", DefaultValueFactory = _ => 1 };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where to record the runs; wins over the file and MLFLOW_TRACKING_URI." };
        var experimentName = new Option<string>("--experiment") { Description = "The MLflow experiment; wins over tracking.experimentName." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads per trial (default: the cores divided by --jobs, or --slurm-cpus-per-task)." };
        var account = new Option<string>("--slurm-account") { Description = "sbatch --account." };
        var partition = new Option<string>("--slurm-partition") { Description = "sbatch --partition." };
        var time = new Option<string>("--slurm-time") { Description = "sbatch --time per trial, e.g. 01:00:00." };
        var cpus = new Option<int?>("--slurm-cpus-per-task") { Description = "sbatch --cpus-per-task (also the trial's threads)." };
        var memory = new Option<string>("--slurm-mem") { Description = "sbatch --mem, e.g. 8G." };
        var gres = new Option<string>("--slurm-gres") { Description = "sbatch --gres, e.g. gpu:1." };
        var extra = new Option<string[]>("--slurm-arg") { Description = "Another sbatch option, e.g. --slurm-arg=--qos=high (repeatable).", HelpName = "OPTION" };
        var poll = new Option<double>("--slurm-poll") { Description = "Seconds between squeue polls. Default 5.", DefaultValueFactory = _ => 5 };
        var command = new Command("sweep", "Run many trials of an experiment (grid, random or TPE) as one parent MLflow run with a nested run per trial.")
        {
            options.File, options.Set, sweep, strategy, trials, seed, objective, mode, launcher, jobs, trackingUri, experimentName, threads,
            account, partition, time, cpus, memory, gres, extra, poll,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            var file = parse.GetRequiredValue(options.File);
            var overrides = (parse.GetValue(options.Set) ?? []).ToList();
            var problems = new List<ConfigProblem>();
            SweepDefinition? definition;
            try
            {
                var document = ExperimentDocument.Load(file, Environment.CurrentDirectory);
                definition = SweepDefinition.Read(document.Root[ExperimentLoader.SweepSection], file, new SweepCommandLine
                {
                    Sweeps = parse.GetValue(sweep) ?? [],
                    Strategy = parse.GetValue(strategy),
                    Trials = parse.GetValue(trials),
                    Seed = parse.GetValue(seed),
                    Objective = parse.GetValue(objective),
                    Mode = parse.GetValue(mode),
                }, problems);
            }
            catch (ExperimentConfigException e)
            {
                problems.AddRange(e.Problems.Count > 0 ? e.Problems : [new ConfigProblem(file, JsonPaths.Root, e.Message)]);
                definition = null;
            }

            var jobCount = parse.GetValue(jobs);
            var launcherName = parse.GetValue(launcher) ?? "local";
            if (jobCount < 1)
            {
                problems.Add(new ConfigProblem("--jobs", "$", "must be at least 1."));
            }

            if (launcherName is not ("local" or "slurm"))
            {
                problems.Add(new ConfigProblem("--launcher", "$", $"unknown launcher '{launcherName}'; launchers are local and slurm."));
            }

            SweepStrategy? plan = null;
            if (definition is not null)
            {
                try
                {
                    plan = SweepStrategy.Create(definition);
                }
                catch (SweepSyntaxException e)
                {
                    problems.Add(new ConfigProblem(file, "$.sweep", e.Message));
                }
            }

            if (problems.Count > 0 || definition is null || plan is null)
            {
                return ProblemReport.Refuse(options.Error, problems);
            }

            var experiment = session.LoadExperiment(file, overrides);
            if (experiment is null || !ValidateTrials(session, file, overrides, definition, plan))
            {
                return ExitCodes.BadInput;
            }

            if (launcherName == "slurm" && !OnPath("sbatch"))
            {
                return ProblemReport.Refuse(options.Error, [new ConfigProblem("--launcher slurm", "$", "sbatch is not on PATH: run on a Slurm login node (or install slurm-client).")]);
            }

            string uri;
            try
            {
                uri = TrackingUriResolver.Resolve(parse.GetValue(trackingUri), experiment.Tracking.TrackingUri);
            }
            catch (TrackingException e)
            {
                return ProblemReport.Refuse(options.Error, [new ConfigProblem("--tracking-uri", "$", e.Message)]);
            }

            var name = TrackingUriResolver.ResolveExperimentName(parse.GetValue(experimentName), experiment.Tracking.ExperimentName ?? experiment.Name);
            var slurm = new SlurmOptions
            {
                Account = parse.GetValue(account),
                Partition = parse.GetValue(partition),
                Time = parse.GetValue(time),
                CpusPerTask = parse.GetValue(cpus),
                Memory = parse.GetValue(memory),
                Gres = parse.GetValue(gres),
                ExtraArguments = parse.GetValue(extra) ?? [],
                PollInterval = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(poll))),
            };
            ITrialLauncher trialLauncher = launcherName == "slurm"
                ? new SlurmLauncher(jobCount, slurm, options.Output)
                : new LocalLauncher(jobCount, options.Output);

            var trialArguments = new List<string>();
            foreach (var folder in parse.GetValue(options.Plugins) ?? [])
            {
                trialArguments.AddRange(["--plugins", Path.GetFullPath(folder)]);
            }

            var perTrialThreads = parse.GetValue(threads)
                ?? (experiment.Training.Threads is not null ? null
                    : launcherName == "slurm" ? slurm.CpusPerTask
                    : Math.Max(1, Environment.ProcessorCount / jobCount));
            if (perTrialThreads is { } t)
            {
                trialArguments.AddRange(["--threads", t.ToString(CultureInfo.InvariantCulture)]);
            }

            var logDirectory = Path.Combine(CrucibleCache.Root(), "sweeps", Guid.NewGuid().ToString("N"));
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                if (!interrupt.IsCancellationRequested)
                {
                    options.Error.WriteLine("stopping the sweep: running trials end KILLED (Ctrl+C again does not speed this up)...");
                    interrupt.Cancel();
                }
            }

            try
            {
                return await new SweepRunner
                {
                    ExperimentFile = Path.GetFullPath(file),
                    BaseOverrides = overrides,
                    BaseExperiment = experiment,
                    Definition = definition,
                    Launcher = trialLauncher,
                    Compose = o => session.LoadExperiment(file, o),
                    TrackingUri = uri,
                    ExperimentName = name,
                    TrialArguments = trialArguments,
                    LogDirectory = logDirectory,
                    Output = options.Output,
                    Error = options.Error,
                }.RunAsync(interrupt.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TrackingException or MlflowApiException or SweepLaunchException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            finally
            {
                ScratchFolder.TryDelete(logDirectory);
            }
        });
        return command;
    }

    /// <summary>
    /// Composes every trial of a grid or random sweep, and for TPE the extremes of every interval and
    /// every listed value, so a value the experiment rejects is reported before anything is recorded.
    /// </summary>
    private static bool ValidateTrials(CliSession session, string file, List<string> overrides, SweepDefinition definition, SweepStrategy plan)
    {
        var probes = new List<TrialAssignment>();
        if (plan.Adaptive)
        {
            var widest = definition.Parameters.OfType<ChoiceParameter>().Select(c => c.Values.Count).DefaultIfEmpty(1).Max();
            for (var k = 0; k < Math.Max(2, widest); k++)
            {
                probes.Add(new TrialAssignment(definition.Parameters.Select(p => new KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>(p.Key, p switch
                {
                    ChoiceParameter c => c.Values[k % c.Values.Count]?.DeepClone(),
                    IntervalParameter i => i.ToJson(k % 2 == 0 ? i.Low : i.High),
                    _ => null,
                })).ToList()));
            }
        }
        else
        {
            probes.AddRange(Enumerable.Range(0, plan.TrialCount).Select(i => plan.Suggest(i, [])));
        }

        var valid = true;
        foreach (var probe in probes.DistinctBy(p => p.ToJson()))
        {
            valid &= session.LoadExperiment(file, overrides.Concat(probe.Overrides()).ToList()) is not null;
        }

        return valid;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
