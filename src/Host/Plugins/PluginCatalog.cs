using System.Reflection;
using Crucible.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Plugins;

/// <summary>
/// The plugins an experiment may use. On first use it constructs every discovered plugin once through
/// the container: a plugin whose constructor throws, or whose options class cannot be created, is
/// recorded as a problem and left out; a name two plugins of a kind claim is ambiguous and neither is used.
/// </summary>
internal sealed class PluginCatalog
{
    private readonly DiscoveredPlugins discovered;
    private readonly IServiceProvider services;
    private readonly Lock gate = new();
    private List<PluginDescriptor>? plugins;
    private List<PluginProblem>? problems;
    private Dictionary<(PluginKind, string), string>? ambiguous;

    public PluginCatalog(DiscoveredPlugins discovered, IServiceProvider services)
    {
        this.discovered = discovered;
        this.services = services;
    }

    /// <summary>Every usable plugin, sorted by kind then name.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins
    {
        get
        {
            EnsureLoaded();
            return plugins!;
        }
    }

    /// <summary>Everything skipped: assemblies that did not load, classes that did not construct, duplicate names.</summary>
    public IReadOnlyList<PluginProblem> Problems
    {
        get
        {
            EnsureLoaded();
            return problems!;
        }
    }

    public IReadOnlyList<PluginFolder> Folders => discovered.Folders;

    public IReadOnlyList<PluginFolder> MissingFolders => discovered.MissingFolders;

    /// <summary>The plugin of <paramref name="kind"/> named <paramref name="name"/> (case-insensitive), or null.</summary>
    public PluginDescriptor? Find(PluginKind kind, string name)
    {
        EnsureLoaded();
        return plugins!.FirstOrDefault(p => p.Kind == kind && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why <paramref name="name"/> cannot be used although plugins claim it, or null.</summary>
    public string? AmbiguityOf(PluginKind kind, string name)
    {
        EnsureLoaded();
        return ambiguous!.TryGetValue((kind, name.ToUpperInvariant()), out var why) ? why : null;
    }

    /// <summary>The names of the usable plugins of a kind, sorted.</summary>
    public IReadOnlyList<string> Names(PluginKind kind) => Plugins.Where(p => p.Kind == kind).Select(p => p.Name).ToList();

    /// <summary>The plugin instance (a singleton from the container).</summary>
    public IPlugin Resolve(PluginDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return (IPlugin)services.GetRequiredKeyedService(PluginKinds.InterfaceOf(descriptor.Kind), descriptor.Name);
    }

    private void EnsureLoaded()
    {
        lock (gate)
        {
            if (plugins is not null)
            {
                return;
            }

            var found = new List<PluginDescriptor>();
            var skipped = new List<PluginProblem>(discovered.Problems);
            foreach (var candidate in discovered.Candidates)
            {
                var descriptors = TryDescribe(candidate, skipped);
                found.AddRange(descriptors);
            }

            var duplicates = new Dictionary<(PluginKind, string), string>();
            foreach (var group in found.GroupBy(d => (d.Kind, d.Name.ToUpperInvariant())).Where(g => g.Count() > 1))
            {
                var holders = string.Join(" and ", group.Select(d => $"{d.Assembly.Path} ({d.ImplementationType.FullName})"));
                var why = $"two {PluginKinds.DisplayName(group.Key.Kind)} plugins are named '{group.First().Name}': {holders}; rename one or remove one of the assemblies.";
                duplicates[group.Key] = why;
                skipped.Add(new PluginProblem(group.First().Name, why));
            }

            plugins = found
                .Where(d => !duplicates.ContainsKey((d.Kind, d.Name.ToUpperInvariant())))
                .OrderBy(d => d.Kind)
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .ToList();
            problems = skipped;
            ambiguous = duplicates;
        }
    }

    private List<PluginDescriptor> TryDescribe(PluginCandidate candidate, List<PluginProblem> skipped)
    {
        var source = $"{candidate.Assembly.Path} ({candidate.Type.FullName})";
        IPlugin instance;
        try
        {
            instance = (IPlugin)services.GetRequiredService(candidate.Type);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            skipped.Add(new PluginProblem(source, $"plugin '{candidate.Name}' could not be constructed: {cause.GetType().Name}: {cause.Message}"));
            return [];
        }

        Type optionsType;
        try
        {
            optionsType = instance.OptionsType;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            skipped.Add(new PluginProblem(source, $"plugin '{candidate.Name}' failed to report its options type: {e.Message}"));
            return [];
        }

        if (optionsType.GetConstructor(Type.EmptyTypes) is null || optionsType.IsAbstract)
        {
            skipped.Add(new PluginProblem(source, $"plugin '{candidate.Name}' has options type {optionsType.FullName} without a public parameterless constructor."));
            return [];
        }

        // "name" names the plugin in an experiment section; an option of that name could never be
        // set, and the resolved experiment (what a run records and replays) would lose it.
        if (Configuration.OptionsBinder.BindableProperties(optionsType)
                .FirstOrDefault(p => string.Equals(Configuration.OptionsBinder.JsonName(p), "name", StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            skipped.Add(new PluginProblem(
                source,
                $"plugin '{candidate.Name}' has an option called \"name\" ({optionsType.Name}.{clash.Name}), but \"name\" is the key that names the plugin in an experiment file; rename the option (the built-in datasets call theirs \"datasetName\"); skipped."));
            return [];
        }

        var description = candidate.Type.GetCustomAttribute<PluginAttribute>()?.Description
            ?? candidate.Assembly.Documentation.Summary(candidate.Type);
        return candidate.Kinds.Select(kind => new PluginDescriptor
        {
            Kind = kind,
            Name = candidate.Name,
            ImplementationType = candidate.Type,
            Assembly = candidate.Assembly,
            OptionsType = optionsType,
            Description = description,
        }).ToList();
    }
}
