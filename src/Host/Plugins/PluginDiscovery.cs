using System.Reflection;
using System.Security.Cryptography;
using Crucible.Abstractions;

namespace Crucible.Host.Plugins;

/// <summary>
/// Scans plugin folders: each <c>&lt;folder&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c> loads into its own
/// <see cref="PluginLoadContext"/>, its types are loaded eagerly so a missing dependency shows now
/// rather than mid-run, and every class implementing a plugin contract becomes a candidate. Anything
/// that cannot load is recorded as a <see cref="PluginProblem"/> and skipped; nothing here throws.
/// </summary>
internal static class PluginDiscovery
{
    public static DiscoveredPlugins Discover(IReadOnlyList<PluginFolder> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var assemblies = new List<PluginAssembly>();
        var candidates = new List<PluginCandidate>();
        var problems = new List<PluginProblem>();
        var missing = new List<PluginFolder>();

        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder.Path))
            {
                if (folder.Explicit)
                {
                    missing.Add(folder);
                }

                continue;
            }

            foreach (var pluginDir in Directory.EnumerateDirectories(folder.Path).Order(StringComparer.Ordinal))
            {
                var dll = Path.Combine(pluginDir, Path.GetFileName(pluginDir) + ".dll");
                if (!File.Exists(dll))
                {
                    continue;
                }

                var loaded = TryLoad(dll, problems);
                if (loaded is null)
                {
                    continue;
                }

                assemblies.Add(loaded.Value.Assembly);
                candidates.AddRange(loaded.Value.Candidates);
            }
        }

        return new DiscoveredPlugins
        {
            Folders = folders,
            Assemblies = assemblies
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Path, StringComparer.Ordinal)
                .ToList(),
            Candidates = candidates
                .OrderBy(c => c.Assembly.Name, StringComparer.Ordinal)
                .ThenBy(c => c.Type.FullName, StringComparer.Ordinal)
                .ToList(),
            Problems = problems,
            MissingFolders = missing,
        };
    }

    private static (PluginAssembly Assembly, List<PluginCandidate> Candidates)? TryLoad(string dll, List<PluginProblem> problems)
    {
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(dll).LoadFromAssemblyPath(dll);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException)
        {
            problems.Add(new PluginProblem(dll, $"is not a loadable .NET assembly: {e.Message}"));
            return null;
        }

        var incompatible = IncompatibleContract(assembly);
        if (incompatible is not null)
        {
            problems.Add(new PluginProblem(dll, incompatible));
            return null;
        }

        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            problems.Add(new PluginProblem(dll, "cannot load its types: " + DescribeLoaderErrors(e)));
            return null;
        }

        var pluginAssembly = new PluginAssembly
        {
            Assembly = assembly,
            Path = dll,
            Version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dll))),
            Documentation = XmlDocumentation.ForAssembly(dll),
        };

        var found = new List<PluginCandidate>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPlugin).IsAssignableFrom(t)))
        {
            var kinds = PluginKinds.KindsOf(type).ToList();
            var attribute = type.GetCustomAttribute<PluginAttribute>();
            if (attribute is null)
            {
                problems.Add(new PluginProblem(
                    $"{dll} ({type.FullName})",
                    $"implements {string.Join(", ", kinds.Select(k => PluginKinds.InterfaceOf(k).Name))} but has no [Plugin(\"name\")] attribute; skipped."));
                continue;
            }

            if (kinds.Count == 0)
            {
                problems.Add(new PluginProblem(
                    $"{dll} ({type.FullName})",
                    "implements IPlugin directly; implement one of IDataset<T>, IModel<T>, ILossFunction<T>, IOptimizer<T>, ILrScheduler<T>, IMetric<T>, ICallback<T>."));
                continue;
            }

            found.Add(new PluginCandidate(type, attribute.Name, kinds, pluginAssembly));
        }

        return (pluginAssembly, found);
    }

    /// <summary>A reason when the plugin was built against an Abstractions this host cannot stand in for.</summary>
    private static string? IncompatibleContract(Assembly assembly)
    {
        var host = typeof(IPlugin).Assembly.GetName();
        var reference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == host.Name);
        if (reference?.Version is null || host.Version is null)
        {
            return null;
        }

        // Same major, and not newer than the host: a plugin built against a newer minor may use members this host lacks.
        var compatible = reference.Version.Major == host.Version.Major
            && (reference.Version.Minor < host.Version.Minor
                || (reference.Version.Minor == host.Version.Minor && reference.Version <= host.Version));
        return compatible
            ? null
            : $"was built against Crucible.Abstractions {reference.Version}, but this host provides {host.Version}; rebuild the plugin against Crucible.Abstractions {host.Version.Major}.{host.Version.Minor}.";
    }

    private static string DescribeLoaderErrors(ReflectionTypeLoadException e)
    {
        var messages = e.LoaderExceptions
            .Where(x => x is not null)
            .Select(x => x is FileNotFoundException f && f.FileName is not null
                ? $"missing dependency {f.FileName}"
                : x!.Message)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return messages.Count == 0 ? e.Message : string.Join("; ", messages);
    }
}
