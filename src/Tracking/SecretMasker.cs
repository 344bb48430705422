using System.Text.RegularExpressions;

namespace Crucible.Tracking;

/// <summary>
/// Keeps credentials out of params, tags and log lines: a setting or environment variable whose
/// name looks like a secret has its value replaced by <see cref="Mask"/>, and the user info of
/// URIs (<c>https://user:pass@host</c>, <c>https://token@host</c>) is replaced too: it is used for
/// authentication and shown nowhere.
/// </summary>
public static partial class SecretMasker
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    /// <summary>
    /// True when a setting or variable name looks like it holds a secret: one of its words
    /// (split at <c>_ - . : /</c>, spaces and camelCase) is password, passwd, pwd, secret, token,
    /// credential(s), auth, cookie, or it ends in api/access/private/secret/client key.
    /// </summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = CamelBoundary().Replace(name, "$1_$2");
        words = Separators().Replace(words, "_").ToLowerInvariant();
        return SecretWords().IsMatch(words);
    }

    /// <summary>The value to record for a named setting: masked when the name looks secret, URI user info masked otherwise.</summary>
    public static string? MaskValue(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is null)
        {
            return null;
        }

        if (value.Length > 0 && IsSecretName(name))
        {
            return Mask;
        }

        return MaskUriCredentials(value);
    }

    /// <summary>
    /// Replaces the user info of every <c>scheme://user:password@host</c> (and <c>scheme://token@host</c>)
    /// in <paramref name="text"/>: <c>scheme://***@host</c>.
    /// </summary>
    public static string MaskUriCredentials(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UriUserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
    }

    /// <summary>Masks a whole set of settings (e.g. the flattened experiment file or the environment).</summary>
    public static IReadOnlyDictionary<string, string> MaskAll(IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in settings)
        {
            result[k] = MaskValue(k, v) ?? string.Empty;
        }

        return result;
    }

    [GeneratedRegex(@"([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[\s_\-.:/]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(
        @"(^|_)(password|passwd|passphrase|pwd|pass|secret|secrets|token|tokens|credential|credentials|auth|authorization|cookie|apikey|accesskey|privatekey|connectionstring|sas_token)(_|$)|(^|_)(api|access|private|secret|client|account|signing|encryption|master|storage)_key(_|$)|^key$",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecretWords();

    // Everything between "scheme://" and the last "@" of the authority (which ends at "/", "?", "#" or a
    // space), as URL parsers split it: an unescaped "@" in a password is masked whole too.
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/?#\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UriUserInfo();
}
