using System.CommandLine;
using Crucible.Host.Training;

namespace Crucible.Host.Cli;

/// <summary>
/// <c>crucible validate FILE</c>: every check <c>run</c> does before it records, and nothing else: the
/// file and its options, then (unless <c>--no-data</c>) the whole run composed with its data, one
/// forward and loss pass, every monitor, and the tracking store. Records nothing.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliOptions options)
    {
        var noData = new Option<bool>("--no-data") { Description = "Only check the file and its options (no data loaded, nothing composed): a quick syntax check." };
        var trackingUri = new Option<string>("--tracking-uri") { Description = "Check this tracking store, as run would use it." };
        var command = new Command("validate", "Check an experiment as run would before recording: options, data, model, loss, monitors, tracking store. Records nothing.")
        {
            options.File,
            options.Set,
            noData,
            trackingUri,
        };
        command.SetAction(parse =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            var file = parse.GetRequiredValue(options.File);
            var experiment = session.LoadExperiment(file, parse.GetValue(options.Set) ?? []);
            if (experiment is null)
            {
                return ExitCodes.BadInput;
            }

            var checkedRun = new ExperimentRunner(experiment, new RunOptions { TrackingUri = parse.GetValue(trackingUri), Verbose = session.Verbose, LogFile = session.LogFile })
                .Check(withData: !parse.GetValue(noData));
            if (checkedRun != ExitCodes.Success)
            {
                return checkedRun;
            }

            var parts = new List<string>();
            if (experiment.Task is { } task)
            {
                parts.Add($"task {task.Name}");
            }

            parts.Add($"dataset {experiment.Dataset.Name}");
            parts.Add(Roles("model", experiment.Models.ToDictionary(p => p.Key, p => p.Value.Name)));
            if (experiment.Losses.Count > 0)
            {
                parts.Add(Roles("loss", experiment.Losses.ToDictionary(p => p.Key, p => p.Value.Name)));
            }

            parts.Add(Roles("optimizer", experiment.Optimizers.ToDictionary(p => p.Key, p => p.Value.Name)));
            if (experiment.Scheduler is not null)
            {
                parts.Add($"scheduler {experiment.Scheduler.Name}");
            }
            else if (experiment.Schedulers.Count > 0)
            {
                parts.Add(Roles("scheduler", experiment.Schedulers.ToDictionary(p => p.Key, p => p.Value.Name)));
            }

            if (experiment.Metrics.Count > 0)
            {
                parts.Add($"metrics {string.Join(", ", experiment.Metrics.Select(m => m.Name))}");
            }

            session.Output.WriteLine($"{file}: valid ({string.Join("; ", parts)}).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"model mlp" for a single role, "models generator=mlp discriminator=mlp" for several.</summary>
    private static string Roles(string word, Dictionary<string, string> byRole) =>
        byRole.Count == 1 && byRole.Keys.Single() is Abstractions.TaskRoles.Model or Abstractions.TaskRoles.Loss
            ? $"{word} {byRole.Values.Single()}"
            : $"{(word == "loss" ? "losses" : word + "s")} {string.Join(" ", byRole.Select(p => $"{p.Key}={p.Value}"))}";
}
