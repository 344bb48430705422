using System.Reflection;
using System.Security.Cryptography;
using Crucible.Abstractions;

namespace Crucible.Host.Plugins;

/// <summary>
/// Scans plugin folders: each <c>&lt;folder&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>, and each DLL put directly
/// into a folder, loads into its own <see cref="PluginLoadContext"/>, its types are loaded eagerly so
/// a missing dependency shows now rather than mid-run, and every class implementing a plugin contract
/// becomes a candidate. Anything that cannot load, or a DLL that holds no plugin, is recorded as a
/// <see cref="PluginProblem"/> and skipped; nothing is ignored silently and nothing here throws.
/// </summary>
internal static class PluginDiscovery
{
    /// <summary>The contract assemblies whose version a plugin was built against is checked.</summary>
    private static readonly Assembly[] ContractAssemblies =
    [
        typeof(IPlugin).Assembly,
        typeof(Crucible.Torch.torch).Assembly,
        typeof(Crucible.Onnx.OnnxExporter).Assembly,
    ];

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

            foreach (var dll in Directory.EnumerateFiles(folder.Path, "*.dll").Order(StringComparer.Ordinal))
            {
                var loaded = TryLoadLoose(dll, problems);
                if (loaded is not null)
                {
                    assemblies.Add(loaded.Value.Assembly);
                    candidates.AddRange(loaded.Value.Candidates);
                }
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

    /// <summary>
    /// A DLL directly in a plugins folder: loaded like a plugin folder's DLL (its dependencies resolve
    /// from beside it), or reported: a contract assembly the host supplies, or an assembly with no
    /// plugin class (a dependency that belongs in its plugin's own folder).
    /// </summary>
    private static (PluginAssembly Assembly, List<PluginCandidate> Candidates)? TryLoadLoose(string dll, List<PluginProblem> problems)
    {
        var name = Path.GetFileNameWithoutExtension(dll);
        var folder = Path.GetDirectoryName(dll)!;
        if (PluginLoadContext.IsContractAssembly(new AssemblyName(name)))
        {
            problems.Add(new PluginProblem(dll, $"is a contract assembly the host supplies, not a plugin; delete it (a plugin's folder holds only the plugin's own files: `crucible plugins install` copies them)."));
            return null;
        }

        var loaded = TryLoad(dll, problems);
        if (loaded is { Candidates.Count: 0 } && !problems.Any(p => p.Source.StartsWith(dll, StringComparison.Ordinal)))
        {
            problems.Add(new PluginProblem(dll, $"holds no plugin class (none implements a plugin contract with [Plugin(\"name\")]); a plugin's dependencies belong beside it in {Path.Combine(folder, "<PluginName>")}/ (`crucible plugins install` puts them there)."));
            return null;
        }

        return loaded;
    }

    private static (PluginAssembly Assembly, List<PluginCandidate> Candidates)? TryLoad(string dll, List<PluginProblem> problems)
    {
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(dll).LoadFromAssemblyPath(dll);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException or InvalidOperationException)
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

    /// <summary>
    /// A reason when the plugin was built against a contract assembly (Crucible.Abstractions,
    /// Crucible.Torch, Crucible.Onnx) this host cannot stand in for, or null.
    /// </summary>
    private static string? IncompatibleContract(Assembly assembly)
    {
        foreach (var contract in ContractAssemblies)
        {
            var host = contract.GetName();
            var reference = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == host.Name);
            if (reference?.Version is not null && host.Version is not null && !ContractVersion.IsCompatible(reference.Version, host.Version))
            {
                return $"was built against {host.Name} {ContractVersion.Display(reference.Version)}, but this host provides {ContractVersion.Display(host.Version)}; "
                    + (reference.Version.Major != host.Version.Major
                        ? $"a plugin must be built against the host's major version: rebuild it against {host.Name} {host.Version.Major}.{host.Version.Minor}.* (or use a Crucible {reference.Version.Major}.x host)."
                        : $"the plugin may use members this host lacks: update Crucible (dotnet tool update -g Crucible) or rebuild the plugin against {host.Name} {host.Version.Major}.{host.Version.Minor}.*.");
            }
        }

        return null;
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
