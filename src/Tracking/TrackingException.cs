namespace Crucible.Tracking;

/// <summary>
/// Base of every error the tracking client reports: the message says what was wrong, where (run,
/// key, store) and what would be right.
/// </summary>
public class TrackingException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public TrackingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrackingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TrackingException()
    {
    }
}
