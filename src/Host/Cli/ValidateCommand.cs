using System.CommandLine;

namespace Crucible.Host.Cli;

/// <summary><c>crucible validate FILE</c>: every check <c>run</c> does before training, and nothing else.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliOptions options)
    {
        var command = new Command("validate", "Check an experiment file (plugins, options, types, ranges, data files) without running it.")
        {
            options.File,
            options.Set,
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

            var parts = new List<string>
            {
                $"dataset {experiment.Dataset.Name}",
                $"model {experiment.Model.Name}",
                $"loss {experiment.Loss.Name}",
                $"optimizer {experiment.Optimizer.Name}",
            };
            if (experiment.Scheduler is not null)
            {
                parts.Add($"scheduler {experiment.Scheduler.Name}");
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
}
