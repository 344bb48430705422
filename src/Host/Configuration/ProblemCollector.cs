using Crucible.Abstractions;

namespace Crucible.Host.Configuration;

/// <summary>
/// Gathers every problem found while loading an experiment, each attributed to the file (or
/// <c>--set</c> override) that last set the value at its JSON path.
/// </summary>
internal sealed class ProblemCollector
{
    private readonly List<ConfigProblem> problems = [];
    private readonly Func<string, string> sourceOf;

    public ProblemCollector(Func<string, string> sourceOf)
    {
        this.sourceOf = sourceOf;
    }

    public IReadOnlyList<ConfigProblem> Problems => problems;

    public bool HasProblems => problems.Count > 0;

    public void Add(string jsonPath, string message) => problems.Add(new ConfigProblem(sourceOf(jsonPath), MessageText.Shorten(jsonPath), MessageText.Shorten(message)));

    public void Add(ConfigProblem problem) => problems.Add(problem with { JsonPath = MessageText.Shorten(problem.JsonPath), Message = MessageText.Shorten(problem.Message) });

    /// <summary>Throws every problem at once when there is any.</summary>
    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            throw new ExperimentConfigException(problems.ToList());
        }
    }
}
