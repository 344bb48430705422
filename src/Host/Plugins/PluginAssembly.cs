using System.Reflection;

namespace Crucible.Host.Plugins;

/// <summary>A loaded plugin assembly and the facts recorded about it on every run.</summary>
internal sealed class PluginAssembly
{
    public required Assembly Assembly { get; init; }

    /// <summary>The full path of the DLL.</summary>
    public required string Path { get; init; }

    /// <summary>The informational version (or assembly version).</summary>
    public required string Version { get; init; }

    /// <summary>The SHA-256 of the DLL file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The XML documentation next to the DLL, when the plugin ships one.</summary>
    public required XmlDocumentation Documentation { get; init; }

    public string Name => Assembly.GetName().Name ?? System.IO.Path.GetFileNameWithoutExtension(Path);
}
