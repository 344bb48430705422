using Crucible.Abstractions;

namespace Crucible.Host.Plugins;

/// <summary>How each <see cref="PluginKind"/> maps to its contract and its experiment-file spelling.</summary>
internal static class PluginKinds
{
    public static IReadOnlyList<PluginKind> All { get; } = Enum.GetValues<PluginKind>();

    /// <summary>The non-generic contract interface the host calls.</summary>
    public static Type InterfaceOf(PluginKind kind) => kind switch
    {
        PluginKind.Dataset => typeof(IDataset),
        PluginKind.Model => typeof(IModel),
        PluginKind.Loss => typeof(ILossFunction),
        PluginKind.Optimizer => typeof(IOptimizer),
        PluginKind.Scheduler => typeof(ILrScheduler),
        PluginKind.Metric => typeof(IMetric),
        PluginKind.Callback => typeof(ICallback),
        PluginKind.Task => typeof(ITrainingTask),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The lower-case word users see: <c>dataset</c>, <c>model</c>, <c>loss</c>, ...</summary>
    public static string DisplayName(PluginKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The plural for listings: <c>datasets</c>, <c>losses</c>, ...</summary>
    public static string PluralName(PluginKind kind) => kind == PluginKind.Loss ? "losses" : DisplayName(kind) + "s";

    /// <summary>Every kind a class implements (usually one).</summary>
    public static IEnumerable<PluginKind> KindsOf(Type type) => All.Where(k => InterfaceOf(k).IsAssignableFrom(type));
}
