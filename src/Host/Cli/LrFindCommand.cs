using System.CommandLine;
using Crucible.Host.Training;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible lr-find FILE</c>: the learning-rate range test on the experiment's data, model, loss
/// and optimizer; prints the suggested rate and records the curve in its own MLflow run.
/// </summary>
internal static class LrFindCommand
{
    public static Command Create(CliOptions options)
    {
        var defaults = new LrFindOptions();
        var minLr = new Option<double>("--min-lr") { Description = "The first learning rate tried.", DefaultValueFactory = _ => defaults.MinLr };
        var maxLr = new Option<double>("--max-lr") { Description = "The last learning rate tried.", DefaultValueFactory = _ => defaults.MaxLr };
        var steps = new Option<int>("--steps") { Description = "Training steps of the exponential ramp.", DefaultValueFactory = _ => defaults.Steps };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where to record the run (folder, file: or http(s) URI); wins over the file and MLFLOW_TRACKING_URI." };
        var experimentName = new Option<string>("--experiment") { Description = "The MLflow experiment to record under; wins over tracking.experimentName." };
        var command = new Command("lr-find", "Find a learning rate: train while the rate grows exponentially, suggest where the loss falls fastest, record the curve.")
        {
            options.File,
            options.Set,
            minLr,
            maxLr,
            steps,
            trackingUri,
            experimentName,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            var finder = new LrFindOptions { MinLr = parse.GetValue(minLr), MaxLr = parse.GetValue(maxLr), Steps = parse.GetValue(steps) };
            if (!(finder.MinLr > 0 && finder.MaxLr > finder.MinLr && finder.Steps >= 2))
            {
                await session.Error.WriteLineAsync("error: lr-find needs 0 < --min-lr < --max-lr and --steps >= 2.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var experiment = session.LoadExperiment(parse.GetRequiredValue(options.File), parse.GetValue(options.Set) ?? []);
            if (experiment is null)
            {
                return ExitCodes.BadInput;
            }

            return await LrFindRunner.RunAsync(experiment, finder, new RunOptions
            {
                TrackingUri = parse.GetValue(trackingUri),
                ExperimentName = parse.GetValue(experimentName),
                Verbose = session.Verbose,
                Quiet = session.Quiet,
                LogFile = session.LogFile,
            }, session.Output).ConfigureAwait(false);
        });
        return command;
    }
}
