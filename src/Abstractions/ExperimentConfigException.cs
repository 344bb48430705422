namespace Crucible.Abstractions;

/// <summary>
/// The experiment file or the command line is wrong. Carries every problem found, so a user fixes
/// them all at once; the CLI prints one line per problem and exits with code 2, before any run exists.
/// </summary>
public class ExperimentConfigException : CrucibleException
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ExperimentConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ExperimentConfigException(string file, string jsonPath, string message)
        : this([new ConfigProblem(file, jsonPath, message)])
    {
    }

    /// <summary>Creates the exception with a message and no located problem.</summary>
    public ExperimentConfigException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ExperimentConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with no message.</summary>
    public ExperimentConfigException()
    {
        Problems = [];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "The experiment is invalid.",
            1 => problems[0].ToString(),
            _ => $"The experiment has {problems.Count} problems:{Environment.NewLine}"
                + string.Join(Environment.NewLine, problems.Select(p => "  " + p)),
        };
    }
}
