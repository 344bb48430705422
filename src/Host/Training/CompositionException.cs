using Crucible.Abstractions;

namespace Crucible.Host.Training;

/// <summary>
/// A component of the run could not be built from the experiment (unusable data, options its
/// constructor refuses): bad input, reported at <see cref="JsonPath"/> before anything is recorded.
/// </summary>
internal sealed class CompositionException : CrucibleException
{
    public CompositionException(string jsonPath, string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = jsonPath;
    }

    /// <summary>The experiment section the component came from (<c>$.dataset</c>, <c>$.optimizer</c>, ...).</summary>
    public string JsonPath { get; }
}
