namespace Crucible.Abstractions;

/// <summary>
/// A dataset plugin found its data unusable: a missing column, a malformed row, a digest that does
/// not match. The message names the file and, where it can, the line or column. It counts as bad
/// input (exit code 2).
/// </summary>
public class DatasetException : CrucibleException
{
    /// <summary>Creates the exception with a message.</summary>
    public DatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public DatasetException()
    {
    }
}
