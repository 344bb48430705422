using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Plugins;

/// <summary>
/// <c>crucible plugins install PATH</c>: puts a plugin (its build output folder, its DLL, or a
/// <c>.nupkg</c>) into a plugins folder as <c>&lt;Name&gt;/&lt;Name&gt;.dll</c> with its own dependencies
/// and without the contract assemblies the host supplies. The plugin is loaded and its plugins
/// constructed from a staging folder first; only a plugin that loads replaces what was installed.
/// </summary>
internal static class PluginInstaller
{
    /// <summary>The user's plugin folder: <c>~/.local/share/crucible/plugins</c> (<c>$XDG_DATA_HOME/crucible/plugins</c>).</summary>
    public static string UserFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "crucible", "plugins");

    /// <summary>Installs <paramref name="source"/> into <paramref name="pluginsFolder"/>; throws <see cref="PluginInstallException"/> with what is wrong.</summary>
    public static PluginInstallResult Install(string source, string pluginsFolder)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pluginsFolder);
        var full = Path.GetFullPath(source);
        Directory.CreateDirectory(pluginsFolder);
        var staging = Directory.CreateDirectory(Path.Combine(pluginsFolder, $".installing-{Guid.NewGuid():N}")).FullName;
        try
        {
            string name;
            if (File.Exists(full) && full.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            {
                name = StageNupkg(full, staging);
            }
            else if (File.Exists(full) && full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                name = Path.GetFileNameWithoutExtension(full);
                StageFolder(Path.GetDirectoryName(full)!, Path.Combine(staging, name));
            }
            else if (Directory.Exists(full))
            {
                name = MainAssembly(full);
                StageFolder(full, Path.Combine(staging, name));
            }
            else
            {
                throw new PluginInstallException($"{source}: no such folder, .dll or .nupkg; give a plugin's build output folder (bin/Release/net10.0), its DLL or its .nupkg.");
            }

            var plugins = Check(staging, name);
            var target = Path.Combine(pluginsFolder, name);
            var replaced = Directory.Exists(target);
            if (replaced)
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(Path.Combine(staging, name), target);
            return new PluginInstallResult(name, target, plugins.Version, plugins.Names, replaced);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The plugin's DLL in a build output folder: the one with a .deps.json, or the only non-contract DLL.</summary>
    private static string MainAssembly(string folder)
    {
        var withDeps = Directory.EnumerateFiles(folder, "*.deps.json")
            .Select(f => Path.GetFileName(f)[..^".deps.json".Length])
            .Where(n => File.Exists(Path.Combine(folder, n + ".dll")) && !IsContract(n + ".dll"))
            .ToList();
        if (withDeps.Count == 1)
        {
            return withDeps[0];
        }

        var dlls = Directory.EnumerateFiles(folder, "*.dll").Select(Path.GetFileName).Where(f => !IsContract(f!)).ToList();
        return dlls.Count == 1
            ? Path.GetFileNameWithoutExtension(dlls[0]!)
            : throw new PluginInstallException(dlls.Count == 0
                ? $"{folder} holds no plugin DLL."
                : $"{folder} holds several DLLs ({string.Join(", ", dlls.Order(StringComparer.Ordinal))}) and no single .deps.json says which is the plugin; give the plugin's DLL itself.");
    }

    private static void StageFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (IsContract(relative))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The package's <c>lib/&lt;tfm&gt;/</c> files for the newest .NET this host runs; the DLL named like the package is the plugin.</summary>
    private static string StageNupkg(string package, string staging)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            ?? throw new PluginInstallException($"{package} is not a NuGet package (no .nuspec inside).");
        XDocument manifest;
        using (var stream = nuspec.Open())
        {
            manifest = XDocument.Load(stream);
        }

        var id = manifest.Descendants().FirstOrDefault(e => e.Name.LocalName == "id")?.Value
            ?? throw new PluginInstallException($"{package}: its .nuspec has no <id>.");
        var frameworks = zip.Entries
            .Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 2 && e.Name.Length > 0)
            .Select(e => e.FullName.Split('/')[1])
            .Distinct(StringComparer.Ordinal)
            .Select(tfm => (Tfm: tfm, Version: NetVersion(tfm)))
            .Where(t => t.Version is not null && t.Version <= new Version(Environment.Version.Major, Environment.Version.Minor))
            .OrderByDescending(t => t.Version)
            .ToList();
        if (frameworks.Count == 0)
        {
            throw new PluginInstallException($"{package} has no lib/netX.Y/ folder this host (.NET {Environment.Version.Major}) can load.");
        }

        var lib = $"lib/{frameworks[0].Tfm}/";
        var files = zip.Entries.Where(e => e.FullName.StartsWith(lib, StringComparison.Ordinal) && e.Name.Length > 0).ToList();
        var name = files.Select(e => e.FullName[lib.Length..])
            .FirstOrDefault(f => string.Equals(f, id + ".dll", StringComparison.OrdinalIgnoreCase)) is { } main
            ? Path.GetFileNameWithoutExtension(main)
            : files.Where(e => e.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !IsContract(e.Name)).Select(e => Path.GetFileNameWithoutExtension(e.Name)).SingleOrDefault()
                ?? throw new PluginInstallException($"{package}: {lib} has no {id}.dll and not exactly one other DLL; which is the plugin?");
        var folder = Path.Combine(staging, name);
        foreach (var entry in files)
        {
            var relative = entry.FullName[lib.Length..];
            if (IsContract(relative))
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(folder, relative));
            if (!target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new PluginInstallException($"{package}: the entry {entry.FullName} points outside the plugin's folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }

        return name;
    }

    private static Version? NetVersion(string tfm) =>
        tfm.StartsWith("net", StringComparison.Ordinal) && tfm.Length > 3 && char.IsDigit(tfm[3]) && tfm.Contains('.', StringComparison.Ordinal)
            && Version.TryParse(tfm[3..].Split('-')[0], out var v) ? v : null;

    /// <summary>Loads the staged plugin and constructs its plugins, as a run would; any problem refuses the install.</summary>
    private static (string Version, IReadOnlyList<string> Names) Check(string staging, string name)
    {
        var discovered = PluginDiscovery.Discover([new PluginFolder(staging, "install", true)]);
        using var services = new ServiceCollection().AddLogging().AddCruciblePlugins(discovered).BuildServiceProvider();
        var catalog = services.GetRequiredService<PluginCatalog>();
        if (catalog.Problems.Count > 0)
        {
            throw new PluginInstallException(
                $"{name} was not installed:" + string.Concat(catalog.Problems.Select(p => $"{Environment.NewLine}  {p.ToString().Replace(staging + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)}")));
        }

        if (catalog.Plugins.Count == 0)
        {
            throw new PluginInstallException($"{name}.dll holds no plugin class (a class implementing a plugin contract with [Plugin(\"name\")]); nothing was installed.");
        }

        return (catalog.Plugins[0].Assembly.Version, catalog.Plugins.Select(p => $"{p.KindName} '{p.Name}'").ToList());
    }

    /// <summary>The files the host supplies to every plugin; a copy in a plugin's folder would only shadow them.</summary>
    private static bool IsContract(string relativePath)
    {
        var file = Path.GetFileName(relativePath);
        return file.StartsWith("Crucible.Abstractions.", StringComparison.Ordinal)
            || file.StartsWith("Crucible.Torch.", StringComparison.Ordinal)
            || file.StartsWith("Crucible.Onnx.", StringComparison.Ordinal)
            || file == "libcrucible_torch.so"
            || (file.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && file.EndsWith(".Abstractions.dll", StringComparison.Ordinal));
    }
}
