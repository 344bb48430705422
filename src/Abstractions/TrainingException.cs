namespace Crucible.Abstractions;

/// <summary>
/// Training itself failed (a NaN or infinite loss, a shape mismatch between model and data); the run
/// is recorded as FAILED with this message (exit code 1).
/// </summary>
public class TrainingException : CrucibleException
{
    /// <summary>Creates the exception with a message.</summary>
    public TrainingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TrainingException()
    {
    }
}
