namespace Crucible;

/// <summary>
/// The per-user cache folder every part of Crucible shares: <c>$CRUCIBLE_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/crucible</c>, else <c>~/.cache/crucible</c>. The shim is built into its
/// <c>native/</c>, datasets cache their downloads and indexes in it, sweeps keep their trial logs
/// under <c>sweeps/</c>. This one file is compiled into the host as well (linked in
/// Crucible.Host.csproj): the binding needs it before anything else loads, and the host's folders
/// must agree with it.
/// </summary>
internal static class CrucibleCache
{
    public const string Variable = "CRUCIBLE_CACHE";

    /// <summary>The cache folder for this process's environment.</summary>
    public static string Root() => Root(Environment.GetEnvironmentVariable);

    /// <summary>The cache folder as <paramref name="environment"/> sets it (an absolute path).</summary>
    public static string Root(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Variable) is { Length: > 0 } cache)
        {
            return Path.GetFullPath(cache);
        }

        var xdg = environment("XDG_CACHE_HOME");
        var root = xdg is { Length: > 0 } ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "crucible");
    }
}
