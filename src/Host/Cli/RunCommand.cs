using System.CommandLine;
using System.Globalization;
using Crucible.Host.Training;

namespace Crucible.Host.Cli;

/// <summary><c>crucible run FILE</c>: validates, then trains and records the experiment.</summary>
internal static class RunCommand
{
    public static Command Create(CliOptions options)
    {
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where to record the run (folder, file: or http(s) URI); wins over the file and MLFLOW_TRACKING_URI." };
        var experimentName = new Option<string>("--experiment") { Description = "The MLflow experiment to record under; wins over tracking.experimentName." };
        var resume = new Option<string>("--resume") { Description = "Continue the run with this id from its last checkpoint; without FILE, with the experiment it recorded.", HelpName = "RUN_ID" };
        var file = new Argument<string?>("FILE") { Description = "The experiment file (JSON); optional with --resume.", Arity = ArgumentArity.ZeroOrOne };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (training.threads)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto (training.device)." };
        var tags = new Option<string[]>("--tag") { Description = "Set a tag on the run, beside tracking.tags (repeatable; crucible sweep tags its trials so).", HelpName = "key=value" };
        var registerModel = new Option<string>("--register-model") { Description = "When the run finishes, register its model as a new version of this registered model.", HelpName = "NAME" };
        var nproc = new Option<int?>("--nproc") { Description = "Train data-parallel in N local processes (training.strategy ddp; libtorch threads divided between them).", HelpName = "N" };
        var command = new Command("run", "Train an experiment and record it in MLflow.")
        {
            file,
            options.Set,
            trackingUri,
            experimentName,
            resume,
            threads,
            device,
            tags,
            registerModel,
            nproc,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            // --threads and --device are overrides of the training section, validated like it.
            var overrides = (parse.GetValue(options.Set) ?? []).ToList();
            if (parse.GetValue(threads) is { } n)
            {
                overrides.Add(string.Create(CultureInfo.InvariantCulture, $"training.threads={n}"));
            }

            if (parse.GetValue(device) is { } d)
            {
                overrides.Add($"training.device={d}");
            }

            if (parse.GetValue(registerModel) is { } modelName)
            {
                try
                {
                    Models.ModelRegistration.CheckName(modelName);
                }
                catch (Models.ModelLoadException e)
                {
                    await options.Error.WriteLineAsync($"error: --register-model: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }
            }

            var path = parse.GetValue(file);
            var resumeId = parse.GetValue(resume);
            if (path is null && resumeId is null)
            {
                await options.Error.WriteLineAsync("error: give an experiment FILE, or --resume RUN_ID to continue a run with the experiment it recorded.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(nproc) is not null)
            {
                return await LaunchWorkers.RunAsync(session, parse, nproc, path, overrides, explicitThreads: parse.GetValue(threads) is not null).ConfigureAwait(false);
            }

            // Tags name the run, not what it trains: they join tracking.tags after the experiment is resolved.
            var extraTags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in parse.GetValue(tags) ?? [])
            {
                var equals = tag.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await options.Error.WriteLineAsync($"error: --tag {tag}: a tag looks like key=value.").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                extraTags[tag[..equals]] = tag[(equals + 1)..];
            }

            var runOptions = new RunOptions
            {
                TrackingUri = parse.GetValue(trackingUri),
                ExperimentName = parse.GetValue(experimentName),
                Verbose = session.Verbose,
                Quiet = session.Quiet,
                LogFile = session.LogFile,
                RegisterModel = parse.GetValue(registerModel),
            };
            if (resumeId is null)
            {
                var experiment = session.LoadExperiment(path!, overrides);
                return experiment is null ? ExitCodes.BadInput : await ExperimentRunner.RunAsync(WithTags(experiment, extraTags), runOptions).ConfigureAwait(false);
            }

            var scratch = Directory.CreateTempSubdirectory("crucible-resume-").FullName;
            try
            {
                var (experiment, point, exitCode) = await ResumeSource.ResolveAsync(session, runOptions, resumeId, path, overrides, scratch).ConfigureAwait(false);
                return experiment is null ? exitCode : await ExperimentRunner.RunAsync(WithTags(experiment, extraTags), runOptions with { Resume = point }).ConfigureAwait(false);
            }
            finally
            {
                ScratchFolder.TryDelete(scratch);
            }
        });
        return command;
    }

    private static Configuration.Experiment WithTags(Configuration.Experiment experiment, Dictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            experiment.Tracking.Tags[key] = value;
        }

        return experiment;
    }
}
