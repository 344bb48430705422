namespace Crucible.Host.Plugins;

/// <summary>
/// The compatibility rule between the contract version a plugin was built against and the one the
/// host provides: the same major, and not newer than the host. A plugin built against an older minor
/// loads (a minor only adds); one built against a newer minor may use members this host lacks, and
/// one built against another major was built for a contract that changed.
/// </summary>
internal static class ContractVersion
{
    public static bool IsCompatible(Version builtAgainst, Version host)
    {
        ArgumentNullException.ThrowIfNull(builtAgainst);
        ArgumentNullException.ThrowIfNull(host);
        return builtAgainst.Major == host.Major && Normalize(builtAgainst) <= Normalize(host);
    }

    /// <summary>The version as a package shows it: <c>1.2.0</c> for assembly version <c>1.2.0.0</c>.</summary>
    public static string Display(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Revision > 0 ? version.ToString() : version.ToString(3);
    }

    private static Version Normalize(Version v) =>
        new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));
}
