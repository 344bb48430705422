namespace Crucible.Tracking;

/// <summary>
/// A metric, param or tag broke one of MLflow's rules (key pattern, length, param immutability).
/// Raised before anything is sent, so the data is never silently truncated or dropped.
/// </summary>
public sealed class TrackingValidationException : TrackingException
{
    /// <summary>Creates the exception for <paramref name="key"/> breaking <paramref name="rule"/>.</summary>
    public TrackingValidationException(string key, string rule, string message)
        : base(message)
    {
        Key = key;
        Rule = rule;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrackingValidationException(string message)
        : base(message)
    {
        Key = string.Empty;
        Rule = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrackingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
        Rule = string.Empty;
    }

    /// <summary>Creates the exception with no message.</summary>
    public TrackingValidationException()
    {
        Key = string.Empty;
        Rule = string.Empty;
    }

    /// <summary>The offending key (metric, param or tag name).</summary>
    public string Key { get; }

    /// <summary>A short name of the rule that was broken, e.g. <c>key-pattern</c>, <c>key-length</c>.</summary>
    public string Rule { get; }
}
