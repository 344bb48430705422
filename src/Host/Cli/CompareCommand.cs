using System.CommandLine;
using Crucible.Host.Comparing;
using Crucible.Tracking;
using Crucible.Tracking.Model;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible compare RUN_ID... | --experiment NAME [--filter ...]</c>: the params that differ between
/// runs and the chosen metrics (last, best) as a table; with <c>-o FILE.png</c> their curves on one chart.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliOptions options)
    {
        var runIds = new Argument<string[]>("RUN_ID") { Description = "The runs to compare.", Arity = ArgumentArity.ZeroOrMore };
        var experiment = new Option<string>("--experiment") { Description = "Compare the runs of this MLflow experiment instead." };
        var filter = new Option<string>("--filter") { Description = "With --experiment: MLflow's search filter, e.g. \"params.optimizer.lr = '0.1'\" or \"tags.mlflow.parentRunId = 'ID'\"." };
        var metrics = new Option<string[]>("--metric", "-m") { Description = "A metric to show (repeatable). Default: every metric all the runs logged, except lr, epoch and system/.", HelpName = "KEY" };
        var chart = new Option<string>("--output", "-o") { Description = "Also draw the metrics' curves of every run on one chart (PNG).", HelpName = "FILE.png" };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Where the runs are recorded (default MLFLOW_TRACKING_URI, then ./mlruns)." };
        var command = new Command("compare", "Compare runs: the params that differ and the chosen metrics (last, best); -o draws their curves.")
        {
            runIds, experiment, filter, metrics, chart, trackingUri,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ids = parse.GetValue(runIds) ?? [];
            var experimentName = parse.GetValue(experiment);
            var output = parse.GetValue(chart);
            if ((ids.Length == 0) == (experimentName is null))
            {
                return Fail(options, "give either run ids or --experiment NAME.");
            }

            if (parse.GetValue(filter) is not null && experimentName is null)
            {
                return Fail(options, "--filter applies to --experiment.");
            }

            if (output is not null && !output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(options, $"-o {output}: the chart is written as PNG; name a .png file.");
            }

            try
            {
                using var store = TrackingStoreFactory.Create(TrackingUriResolver.Resolve(parse.GetValue(trackingUri), null));
                var runs = new List<Run>();
                if (experimentName is not null)
                {
                    var found = await store.GetExperimentByNameAsync(experimentName, cancellationToken).ConfigureAwait(false);
                    if (found is null)
                    {
                        return Fail(options, $"there is no experiment '{experimentName}' in {store.TrackingUri}.");
                    }

                    runs.AddRange(await store.SearchAllRunsAsync(
                        new SearchRunsQuery { ExperimentIds = [found.ExperimentId], Filter = parse.GetValue(filter), OrderBy = ["attributes.start_time ASC"] },
                        cancellationToken).ConfigureAwait(false));
                    if (runs.Count == 0)
                    {
                        return Fail(options, $"no run of experiment '{experimentName}' matches{(parse.GetValue(filter) is { } f ? $" '{f}'" : "")}.");
                    }
                }
                else
                {
                    foreach (var id in ids.Distinct(StringComparer.Ordinal))
                    {
                        try
                        {
                            runs.Add(await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false));
                        }
                        catch (ResourceNotFoundException)
                        {
                            return Fail(options, $"there is no run '{id}' in {store.TrackingUri}.");
                        }
                    }
                }

                var comparison = await RunComparison.CreateAsync(store, runs, parse.GetValue(metrics) ?? [], cancellationToken).ConfigureAwait(false);
                comparison.Print(options.Output);
                if (output is not null)
                {
                    CompareChart.Save(comparison, output);
                    await options.Output.WriteLineAsync($"chart: {Path.GetFullPath(output)}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (InvalidParameterException e)
            {
                return Fail(options, e.Message);
            }
            catch (Exception e) when (e is TrackingException or MlflowApiException)
            {
                await options.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Fail(CliOptions options, string message)
    {
        options.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
