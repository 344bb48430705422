using System.CommandLine;

namespace Crucible.Host.Cli;

/// <summary>Options and arguments shared by several commands, and the session they configure.</summary>
internal sealed class CliOptions
{
    public CliOptions(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public Argument<string> File { get; } = new("FILE") { Description = "The experiment file (JSON)." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting, e.g. --set optimizer.lr=0.01 (repeatable; validated like the file).",
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Plugins { get; } = new("--plugins")
    {
        Description = "Also load plugins from this folder (repeatable; CRUCIBLE_PLUGINS lists more).",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string> LogFile { get; } = new("--log-file")
    {
        Description = "Also write the log to this file.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log debug messages too, and every epoch's line (by default one every few seconds, plus the last).",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Only warnings and errors on the console (the run's log file keeps everything); no progress bar.",
        Recursive = true,
    };

    public CliSession Session(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new CliSession(Output, Error, parse.GetValue(Plugins) ?? [], parse.GetValue(LogFile), parse.GetValue(Verbose), parse.GetValue(Quiet));
    }
}
