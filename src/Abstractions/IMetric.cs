namespace Crucible.Abstractions;

/// <summary>
/// A metric plugin: creates a fresh accumulator per split of a run. Implement <see cref="IMetric{TOptions}"/>.
/// </summary>
public interface IMetric : IPlugin
{
    /// <summary>Creates an accumulator configured by <paramref name="options"/> (an instance of <see cref="IPlugin.OptionsType"/>).</summary>
    IMetricAccumulator Create(object options, MetricContext context);
}

/// <summary>A metric plugin with strongly typed options.</summary>
/// <typeparam name="TOptions">The options class bound from the metric's entry in the experiment file's <c>metrics</c> list.</typeparam>
public interface IMetric<TOptions> : IMetric
    where TOptions : class, new()
{
    /// <inheritdoc />
    Type IPlugin.OptionsType => typeof(TOptions);

    /// <inheritdoc />
    IMetricAccumulator IMetric.Create(object options, MetricContext context) => Create((TOptions)options, context);

    /// <summary>Creates an accumulator.</summary>
    IMetricAccumulator Create(TOptions options, MetricContext context);
}
