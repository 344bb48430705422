using Crucible.Abstractions;
using Crucible.Host.Configuration;

namespace Crucible.Host.Cli;

/// <summary>
/// How a command refuses bad input: one <c>error: file: $.path: message</c> line per problem (long
/// quoted values cut), then how many there were and that nothing was run or recorded; exit code 2.
/// </summary>
internal static class ProblemReport
{
    /// <summary>Writes <paramref name="problems"/> to <paramref name="error"/>; returns <see cref="ExitCodes.BadInput"/>.</summary>
    public static int Refuse(TextWriter error, IReadOnlyCollection<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            error.WriteLine($"error: {MessageText.Shorten(problem.ToString())}");
        }

        error.WriteLine(problems.Count == 1 ? "1 problem; nothing was run or recorded." : $"{problems.Count} problems; nothing was run or recorded.");
        return ExitCodes.BadInput;
    }
}
