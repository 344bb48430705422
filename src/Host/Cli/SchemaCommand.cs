using System.CommandLine;
using System.Text.Json;
using Crucible.Host.Configuration;

namespace Crucible.Host.Cli;

/// <summary><c>crucible schema</c>: the JSON Schema of experiment files, with every discovered plugin's options.</summary>
internal static class SchemaCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliOptions options)
    {
        var output = new Option<string>("--output", "-o") { Description = "Write the schema to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("schema", "Write the JSON Schema of experiment files (including every discovered plugin's options).")
        {
            output,
        };
        command.SetAction(parse =>
        {
            using var session = options.Session(parse);
            if (!session.CheckPlugins())
            {
                return ExitCodes.BadInput;
            }

            var text = ExperimentSchema.Generate(session.Catalog).ToJsonString(Indented);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, text + Environment.NewLine);
                session.Error.WriteLine($"schema written to {path}");
            }
            else
            {
                session.Output.WriteLine(text);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
