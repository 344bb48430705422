namespace Crucible.Host.Plugins;

/// <summary>A plugin (or plugin assembly) that was skipped, and why.</summary>
/// <param name="Source">The DLL path, or <c>path (Type)</c> for one class.</param>
/// <param name="Reason">What went wrong, in words a plugin author can act on.</param>
internal sealed record PluginProblem(string Source, string Reason)
{
    public override string ToString() => $"{Source}: {Reason}";
}
