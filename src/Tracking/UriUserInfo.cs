namespace Crucible.Tracking;

/// <summary>
/// The user info of a tracking URI (<c>http://user:password@host:5000</c>): credentials for HTTP
/// basic authentication, as MLflow's Python client uses them through its HTTP library. They are
/// read once, where the store is opened, and the URI is kept without them everywhere else (console,
/// logs, outbox files, records).
/// </summary>
public static class UriUserInfo
{
    /// <summary>The URI without its user info (<c>http://host:5000</c>); unchanged when it has none.</summary>
    public static string Strip(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Find(uri) is var (start, at) ? string.Concat(uri.AsSpan(0, start), uri.AsSpan(at + 1)) : uri;
    }

    /// <summary>
    /// The user name and password in the URI's user info (percent-decoded; the password is null for
    /// <c>http://user@host</c>), or null when it has none.
    /// </summary>
    public static (string User, string? Password)? Read(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (Find(uri) is not var (start, at))
        {
            return null;
        }

        var info = uri[start..at];
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(info), null)
            : (Uri.UnescapeDataString(info[..colon]), Uri.UnescapeDataString(info[(colon + 1)..]));
    }

    // Where the user info starts (after "scheme://") and the index of the "@" that ends it: the last
    // "@" of the authority, as URL parsers split it.
    private static (int Start, int At)? Find(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        var start = scheme + 3;
        var end = uri.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? uri.AsSpan(start) : uri.AsSpan(start, end - start);
        var at = authority.LastIndexOf('@');
        return at < 0 ? null : (start, start + at);
    }
}
