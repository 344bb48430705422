using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Abstractions;
using Crucible.Host.Configuration;
using Crucible.Host.Training;

namespace Crucible.Host.Sweeps;

/// <summary>
/// What a sweep tries and how it judges: the experiment file's <c>sweep</c> section with the command
/// line's <c>--sweep</c>, <c>--strategy</c>, <c>--trials</c>, ... on top.
/// <code>
/// "sweep": {
///   "strategy": "tpe", "trials": 20, "seed": 1,
///   "objective": "val_loss", "mode": "min",
///   "params": { "optimizer.lr": "tag(log, interval(1e-3, 1))", "model.hidden": "[2],[4],[8]" }
/// }
/// </code>
/// </summary>
internal sealed record SweepDefinition
{
    /// <summary>Grid, random or TPE. Defaults to grid.</summary>
    public SweepStrategyKind Strategy { get; init; } = SweepStrategyKind.Grid;

    /// <summary>Trials of a random or TPE sweep (a grid has one per combination). Defaults to 10.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Seed of the random and TPE strategies. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>The metric the sweep optimizes (its last value in each trial). Defaults to val_loss.</summary>
    public string Objective { get; init; } = "val_loss";

    /// <summary>min, max, or auto (max for accuracy-like names, min otherwise). Defaults to auto.</summary>
    public MonitorMode Mode { get; init; } = MonitorMode.Auto;

    /// <summary>TPE's random trials before its model is used. Defaults to null: a quarter of the trials, 2 to 10.</summary>
    public int? StartupTrialsOption { get; init; }

    /// <summary>The swept settings, in order.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; init; } = [];

    /// <summary>Min or max.</summary>
    public MonitorMode Direction => MetricMonitor.Resolve(Objective, Mode);

    public int StartupTrials => StartupTrialsOption ?? Math.Clamp((Trials + 3) / 4, 2, 10);

    /// <summary>The definition as the parent run's params (<c>sweep.strategy</c>, <c>sweep.params.optimizer.lr</c>, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToParams()
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("sweep.strategy", Strategy.ToString().ToLowerInvariant()),
            new("sweep.objective", Objective),
            new("sweep.mode", Direction.ToString().ToLowerInvariant()),
        };
        if (Strategy != SweepStrategyKind.Grid)
        {
            list.Add(new("sweep.trials", Trials.ToString(CultureInfo.InvariantCulture)));
            list.Add(new("sweep.seed", Seed.ToString(CultureInfo.InvariantCulture)));
        }

        if (Strategy == SweepStrategyKind.Tpe)
        {
            list.Add(new("sweep.startup_trials", StartupTrials.ToString(CultureInfo.InvariantCulture)));
        }

        list.AddRange(Parameters.Select(p => new KeyValuePair<string, string>($"sweep.params.{p.Key}", p.Text)));
        return list;
    }

    /// <summary>
    /// Reads the <c>sweep</c> section (may be null) and applies the command line. Problems are
    /// collected as <c>file: $.sweep.x: message</c> (or <c>--sweep ...</c>).
    /// </summary>
    public static SweepDefinition? Read(JsonNode? section, string file, SweepCommandLine commandLine, List<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(problems);
        var definition = new SweepDefinition();
        var parameters = new List<SweepParameter>();
        const string Root = "$.sweep";
        if (section is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                var path = $"{Root}.{key}";
                try
                {
                    switch (key)
                    {
                        case "strategy":
                            definition = definition with { Strategy = ParseStrategy(Text(value)) };
                            break;
                        case "trials":
                            definition = definition with { Trials = Integer(value) };
                            break;
                        case "seed":
                            definition = definition with { Seed = Integer(value) };
                            break;
                        case "objective":
                            definition = definition with { Objective = Text(value) };
                            break;
                        case "mode":
                            definition = definition with { Mode = ParseMode(Text(value)) };
                            break;
                        case "startupTrials":
                            definition = definition with { StartupTrialsOption = Integer(value) };
                            break;
                        case "params":
                            if (value is not JsonObject ps)
                            {
                                throw new SweepSyntaxException("params is an object of key paths to values, e.g. { \"optimizer.lr\": \"0.1,0.01\" }.");
                            }

                            foreach (var (name, values) in ps)
                            {
                                try
                                {
                                    parameters.Add(FromJson(name, values));
                                }
                                catch (SweepSyntaxException e)
                                {
                                    problems.Add(new ConfigProblem(file, $"{path}['{name}']", e.Message));
                                }
                            }

                            break;
                        default:
                            throw new SweepSyntaxException($"unknown sweep setting '{key}'. Settings are: strategy, trials, seed, objective, mode, startupTrials, params.");
                    }
                }
                catch (SweepSyntaxException e)
                {
                    problems.Add(new ConfigProblem(file, path, e.Message));
                }
            }
        }
        else if (section is not null)
        {
            problems.Add(new ConfigProblem(file, Root, "sweep is an object: { \"strategy\": \"grid\", \"params\": { ... } }."));
        }

        foreach (var text in commandLine.Sweeps)
        {
            try
            {
                var parameter = SweepOverrideParser.ParseOverride(text);
                parameters.RemoveAll(p => p.Key == parameter.Key);
                parameters.Add(parameter);
            }
            catch (SweepSyntaxException e)
            {
                problems.Add(new ConfigProblem($"--sweep {text}", "$", e.Message));
            }
        }

        try
        {
            definition = definition with
            {
                Strategy = commandLine.Strategy is { } s ? ParseStrategy(s) : definition.Strategy,
                Mode = commandLine.Mode is { } m ? ParseMode(m) : definition.Mode,
            };
        }
        catch (SweepSyntaxException e)
        {
            problems.Add(new ConfigProblem("command line", "$", e.Message));
        }

        definition = definition with
        {
            Trials = commandLine.Trials ?? definition.Trials,
            Seed = commandLine.Seed ?? definition.Seed,
            Objective = commandLine.Objective ?? definition.Objective,
            Parameters = parameters,
        };

        if (parameters.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ConfigProblem(file, Root, "nothing to sweep: add \"sweep\": { \"params\": { \"optimizer.lr\": \"0.1,0.01\" } } to the file or --sweep optimizer.lr=0.1,0.01."));
        }

        if (definition.Trials < 1)
        {
            problems.Add(new ConfigProblem(file, $"{Root}.trials", "trials must be at least 1."));
        }

        if (definition.StartupTrialsOption is < 1)
        {
            problems.Add(new ConfigProblem(file, $"{Root}.startupTrials", "startupTrials must be at least 1."));
        }

        return problems.Count == 0 ? definition : null;
    }

    private static SweepParameter FromJson(string key, JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => SweepOverrideParser.Parse(key, text),
        JsonArray list when list.Count > 0 => new ChoiceParameter(key, list.ToJsonString(), list.Select(i => i?.DeepClone()).ToList()),
        JsonArray => throw new SweepSyntaxException("an empty list sweeps nothing."),
        _ => new ChoiceParameter(key, value?.ToJsonString() ?? "null", [value?.DeepClone()]),
    };

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new SweepSyntaxException("expected a string.");

    private static int Integer(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : throw new SweepSyntaxException("expected a whole number.");

    private static SweepStrategyKind ParseStrategy(string text) => text.ToLowerInvariant() switch
    {
        "grid" => SweepStrategyKind.Grid,
        "random" => SweepStrategyKind.Random,
        "tpe" => SweepStrategyKind.Tpe,
        _ => throw new SweepSyntaxException($"unknown strategy '{text}'; strategies are grid, random and tpe."),
    };

    private static MonitorMode ParseMode(string text) => text.ToLowerInvariant() switch
    {
        "min" => MonitorMode.Min,
        "max" => MonitorMode.Max,
        "auto" => MonitorMode.Auto,
        _ => throw new SweepSyntaxException($"unknown mode '{text}'; modes are min, max and auto."),
    };
}
