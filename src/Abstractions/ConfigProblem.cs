namespace Crucible.Abstractions;

/// <summary>
/// One thing wrong with an experiment: where it is and what is wrong there.
/// </summary>
/// <param name="File">The experiment file (or <c>--set</c> for a command-line override) the problem is in.</param>
/// <param name="JsonPath">Where in the file, as a JSON path (<c>$.optimizer.lr</c>); <c>$</c> for the whole file.</param>
/// <param name="Message">What is wrong and what would be right.</param>
public sealed record ConfigProblem(string File, string JsonPath, string Message)
{
    /// <summary>The problem as one line: <c>file: $.path: message</c>.</summary>
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}
