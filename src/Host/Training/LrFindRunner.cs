using System.Globalization;
using Crucible.Host.Plots;
using Crucible.Torch;
using Microsoft.Extensions.Logging;
using Experiment = Crucible.Host.Configuration.Experiment;

namespace Crucible.Host.Training;

/// <summary>
/// What <c>crucible lr-find</c> does inside its own MLflow run (named <c>lr-find</c>, in the
/// experiment's MLflow experiment): composes the experiment as <c>run</c> would, runs
/// <see cref="LearningRateFinder"/>, records the curve (<c>lr_find_lr</c> and <c>lr_find_loss</c> per
/// step, <c>lr-find.csv</c>, the picture <c>plots/lr_find.png</c>) and the suggestion (<c>lr_find_suggested_lr</c>), and prints it.
/// </summary>
internal static partial class LrFindRunner
{
    public const string RunName = "lr-find";

    /// <summary>The curve's picture, under <c>plots/</c>.</summary>
    public const string ChartFile = "lr_find.png";

    public static Task<int> RunAsync(Experiment experiment, LrFindOptions finder, RunOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(finder);
        ArgumentNullException.ThrowIfNull(output);

        // Composed and checked as `run` does before anything is recorded; then its own run.
        return new ExperimentRunner(experiment, options).ComposeAndRecordAsync(
            (active, prepared) => Find(experiment, finder, active, prepared.Device, prepared.Composed, output), RunName);
    }

    private static bool Find(Experiment experiment, LrFindOptions finder, ActiveRun active, Device device, ComposedRun composed, TextWriter output)
    {
        var (run, logger) = (active.Run, active.Logger);
        var training = experiment.Training;
        var parameters = new Dictionary<string, string>(ExperimentParams.Flatten(experiment.Resolved), StringComparer.Ordinal)
        {
            ["lr_find.min_lr"] = finder.MinLr.ToString("R", CultureInfo.InvariantCulture),
            ["lr_find.max_lr"] = finder.MaxLr.ToString("R", CultureInfo.InvariantCulture),
            ["lr_find.steps"] = finder.Steps.ToString(CultureInfo.InvariantCulture),
            ["lr_find.divergence_threshold"] = finder.DivergenceThreshold.ToString("R", CultureInfo.InvariantCulture),
        };
        run.LogParams(parameters);
        run.SetTags(RunTags.Collect(device, experiment.PluginAssemblies));
        run.SetTag("crucible.command", "lr-find");
        run.LogInput(composed.Metadata);
        var result = LearningRateFinder.Run(composed, training.BatchSize, finder, active.Interrupt);
        for (var i = 0; i < result.LearningRates.Count; i++)
        {
            run.LogMetric("lr_find_lr", result.LearningRates[i], i);
            run.LogMetric("lr_find_loss", result.Losses[i], i);
        }

        var csv = Path.Combine(active.OutputDirectory, "lr-find.csv");
        File.WriteAllText(csv, LearningRateFinder.ToCsv(result));
        run.LogArtifact(csv);
        var plots = Path.Combine(active.OutputDirectory, LearningCurves.ArtifactFolder);
        Directory.CreateDirectory(plots);
        var chart = Path.Combine(plots, ChartFile);
        LrFindChart.Save(result.LearningRates, result.Losses, result.Suggestion, chart);
        run.LogArtifact(chart, LearningCurves.ArtifactFolder);
        if (result.Suggestion is { } suggestion)
        {
            run.LogMetric("lr_find_suggested_lr", suggestion, result.LearningRates.Count - 1);
            run.SetTag("crucible.lr_find.suggested_lr", suggestion.ToString("R", CultureInfo.InvariantCulture));
            LogSuggestion(logger, suggestion, result.LearningRates.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Suggested learning rate: {suggestion:G3}"));
        }
        else
        {
            LogNoSuggestion(logger, result.LearningRates.Count);
            output.WriteLine("No suggestion: the loss diverged within the first steps; lower --min-lr or --max-lr.");
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Range test over {Steps} steps: suggested learning rate {Lr:G3}")]
    private static partial void LogSuggestion(ILogger logger, double lr, int steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Range test stopped after {Steps} steps without a suggestion")]
    private static partial void LogNoSuggestion(ILogger logger, int steps);
}
