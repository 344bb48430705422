using System.Reflection;
using System.Runtime.InteropServices;
using Crucible.Host.Plugins;
using Crucible.Torch;

namespace Crucible.Host.Training;

/// <summary>
/// The tags that make a run reproducible from its record: Crucible, libtorch and .NET versions, the
/// device and GPU, the OS, libtorch's thread count, and every plugin assembly's version and SHA-256.
/// </summary>
internal static class RunTags
{
    public static IReadOnlyDictionary<string, string> Collect(Device device, IReadOnlyList<PluginAssembly> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var host = typeof(RunTags).Assembly;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["crucible.version"] = host.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? host.GetName().Version?.ToString() ?? "unknown",
            ["crucible.libtorch"] = torch.Version,
            ["crucible.dotnet"] = RuntimeInformation.FrameworkDescription,
            ["crucible.os"] = RuntimeInformation.OSDescription,
            ["crucible.device"] = device.ToString(),
            ["crucible.threads"] = torch.NumThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (device.IsCuda)
        {
            tags["crucible.gpu"] = torch.Cuda.GetDeviceName(Math.Max(device.Index, 0));
        }

        foreach (var plugin in plugins)
        {
            tags[$"crucible.plugin.{plugin.Name}.version"] = plugin.Version;
            tags[$"crucible.plugin.{plugin.Name}.sha256"] = plugin.Sha256;
        }

        return tags;
    }
}
