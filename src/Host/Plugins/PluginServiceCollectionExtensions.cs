using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Host.Plugins;

/// <summary>Registers discovered plugins in the host's container.</summary>
internal static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Scrutor scans exactly the loaded plugin assemblies (sorted) and registers each plugin class as a
    /// singleton (plugins are stateless factories); each is then also registered as a keyed service of its
    /// contract under its plugin name, so <c>GetRequiredKeyedService&lt;IModel&gt;("mlp")</c> works.
    /// A name claimed by two plugins gets no keyed registration: <see cref="PluginCatalog"/> reports it.
    /// </summary>
    public static IServiceCollection AddCruciblePlugins(this IServiceCollection services, DiscoveredPlugins discovered)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(discovered);
        var accepted = discovered.Candidates.Select(c => c.Type).ToHashSet();
        if (discovered.Assemblies.Count > 0)
        {
            services.Scan(scan => scan
                .FromAssemblies(discovered.Assemblies.Select(a => a.Assembly))
                .AddClasses(classes => classes.Where(accepted.Contains), publicOnly: false)
                .AsSelf()
                .WithSingletonLifetime());
        }

        var byKey = discovered.Candidates
            .SelectMany(c => c.Kinds.Select(k => (Kind: k, c.Name, c.Type)))
            .GroupBy(x => (x.Kind, Name: x.Name.ToUpperInvariant()));
        foreach (var group in byKey.Where(g => g.Count() == 1))
        {
            var (kind, name, type) = group.Single();
            services.AddKeyedSingleton(PluginKinds.InterfaceOf(kind), name, (sp, _) => sp.GetRequiredService(type));
        }

        services.AddSingleton(discovered);
        services.AddSingleton<PluginCatalog>();
        return services;
    }
}
