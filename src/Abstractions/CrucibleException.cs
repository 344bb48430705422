namespace Crucible.Abstractions;

/// <summary>
/// Base of every error Crucible reports to a user: the message says what was wrong, where
/// (file, JSON path, plugin) and what would be right.
/// </summary>
public class CrucibleException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public CrucibleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CrucibleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CrucibleException()
    {
    }
}
