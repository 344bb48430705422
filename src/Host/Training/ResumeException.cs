using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>A <c>--resume</c> that cannot work (unknown run, no checkpoint): bad input, exit code 2, the run's record untouched.</summary>
internal sealed class ResumeException : CrucibleException
{
    public ResumeException(string message)
        : base(message)
    {
    }

    public ResumeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResumeException()
    {
    }
}
