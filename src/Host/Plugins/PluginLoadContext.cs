using System.Reflection;
using System.Runtime.Loader;

namespace Crucible.Host.Plugins;

/// <summary>
/// The load context of one plugin folder: the plugin's own dependencies resolve from its folder
/// (through its .deps.json), while the contract assemblies always resolve to the host's copies so a
/// plugin's <c>IModel</c> is the host's <c>IModel</c>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver resolver;

    public PluginLoadContext(string pluginPath)
        : base(Path.GetFileNameWithoutExtension(pluginPath), isCollectible: false)
    {
        resolver = new AssemblyDependencyResolver(pluginPath);
    }

    /// <summary>True for an assembly the host always supplies (contracts shared by host and plugins).</summary>
    public static bool IsContractAssembly(AssemblyName name)
    {
        var simple = name.Name ?? string.Empty;
        return simple is "Crucible.Abstractions" or "Crucible.Torch" or "Crucible.Onnx"
            || (simple.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                && simple.EndsWith(".Abstractions", StringComparison.Ordinal));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsContractAssembly(assemblyName))
        {
            // Null defers to the default context, which holds the host's copy.
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? 0 : LoadUnmanagedDllFromPath(path);
    }
}
