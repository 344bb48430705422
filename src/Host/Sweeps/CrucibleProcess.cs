using System.Reflection;

namespace Crucible.Host.Sweeps;

/// <summary>How this <c>crucible</c> starts itself again: its apphost, or <c>dotnet crucible.dll</c>.</summary>
internal static class CrucibleProcess
{
    /// <summary>The program and the arguments before the command (the dll when run through <c>dotnet</c>).</summary>
    public static (string Program, IReadOnlyList<string> Prefix) Self()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location;
        var viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (viaDotnet && !string.IsNullOrEmpty(entry))
        {
            return (process, [entry]);
        }

        return (process, []);
    }
}
