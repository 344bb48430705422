namespace Crucible.Host.Plugins;

/// <summary>The kinds of plugin an experiment composes; each has its contract interface and its section.</summary>
internal enum PluginKind
{
    /// <summary><see cref="Abstractions.IDataset"/>, the <c>dataset</c> section.</summary>
    Dataset,

    /// <summary><see cref="Abstractions.IModel"/>, the <c>model</c> section.</summary>
    Model,

    /// <summary><see cref="Abstractions.ILossFunction"/>, the <c>loss</c> section.</summary>
    Loss,

    /// <summary><see cref="Abstractions.IOptimizer"/>, the <c>optimizer</c> section.</summary>
    Optimizer,

    /// <summary><see cref="Abstractions.ILrScheduler"/>, the <c>scheduler</c> section.</summary>
    Scheduler,

    /// <summary><see cref="Abstractions.IMetric"/>, entries of the <c>metrics</c> list.</summary>
    Metric,

    /// <summary><see cref="Abstractions.ICallback"/>, entries of the <c>callbacks</c> list.</summary>
    Callback,

    /// <summary><see cref="Abstractions.ITrainingTask"/>, the <c>task</c> section.</summary>
    Task,
}
