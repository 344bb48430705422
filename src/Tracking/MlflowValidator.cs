using System.Text.RegularExpressions;
using Crucible.Tracking.Model;

namespace Crucible.Tracking;

/// <summary>
/// MLflow's own rules for names and values (as enforced by MLflow 2.12 to 3.x servers), checked
/// before anything is recorded so a violation fails early and names the key and the rule.
/// </summary>
public static partial class MlflowValidator
{
    /// <summary>Longest metric, param or tag key.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>Longest param value.</summary>
    public const int MaxParamValueLength = 6000;

    /// <summary>Longest tag value every supported server stores whole (MLflow 2.x truncates longer ones; 3.x allows 8000).</summary>
    public const int MaxTagValueLength = 5000;

    /// <summary>Longest experiment tag value.</summary>
    public const int MaxExperimentTagValueLength = 5000;

    /// <summary>Throws when <paramref name="key"/> is not a valid metric key.</summary>
    public static void ValidateMetricKey(string key) => ValidateKey("Metric", key);

    /// <summary>Throws when the param key or value breaks MLflow's rules.</summary>
    public static void ValidateParam(string key, string value)
    {
        ValidateKey("Param", key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxParamValueLength)
        {
            throw new TrackingValidationException(
                key,
                "param-value-length",
                $"Param '{key}' has a value of length {value.Length}, which exceeds MLflow's limit of {MaxParamValueLength}. " +
                "Log a shorter value (or record the full text as an artifact).");
        }
    }

    /// <summary>Throws when the tag key or value breaks MLflow's rules.</summary>
    public static void ValidateTag(string key, string value)
    {
        ValidateKey("Tag", key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxTagValueLength)
        {
            throw new TrackingValidationException(
                key,
                "tag-value-length",
                $"Tag '{key}' has a value of length {value.Length}, which exceeds MLflow's limit of {MaxTagValueLength}. " +
                "Set a shorter value (or record the full text as an artifact).");
        }
    }

    /// <summary>Throws when the experiment name is empty.</summary>
    public static void ValidateExperimentName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TrackingValidationException("name", "experiment-name", "An experiment name must not be empty.");
        }
    }

    /// <summary>
    /// A metric, param or tag key: letters, digits, <c>_ - . space /</c>; a normalized relative path
    /// (no <c>..</c>, no leading <c>/</c>, no <c>//</c>); at most 250 characters.
    /// </summary>
    public static void ValidateKey(string kind, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!KeyPattern().IsMatch(key))
        {
            throw new TrackingValidationException(
                key,
                "key-pattern",
                $"{kind} key '{key}' is invalid: MLflow keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces ( ) and slashes (/).");
        }

        if (!IsNormalizedRelativePath(key))
        {
            throw new TrackingValidationException(
                key,
                "key-path",
                $"{kind} key '{key}' is invalid: it must be a non-empty, normalized relative path (no leading '/', no '..', '.', or '//').");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new TrackingValidationException(
                key,
                "key-length",
                $"{kind} key '{key}' has length {key.Length}, which exceeds MLflow's limit of {MaxKeyLength}.");
        }
    }

    // posixpath.normpath(name) == name, and not ".", "..*" or "/*" (MLflow's path_not_unique).
    private static bool IsNormalizedRelativePath(string key)
    {
        if (key.Length == 0 || key[0] == '/')
        {
            return false;
        }

        var parts = key.Split('/');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[/\w.\- ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
